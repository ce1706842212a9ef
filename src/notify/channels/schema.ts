// zod pieces shared by the channel settings schemas.
import { z } from "zod";

export const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http or https URL" });
export const secret = z.string().min(1, "is required").max(500);
export const onOff = z.boolean().default(true);
