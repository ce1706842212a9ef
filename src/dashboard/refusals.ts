// An operation's refusal as form errors: the message goes beside the field it names, in the API's
// words without the API's "json validation error:" lead (the form already says where it is).
// Refusals about no single field go under FORM_ERROR, which the error summary shows first.
import type { CheckFailure } from "../checks/result.ts";
import { didYouMean, nearestZone } from "../core/nearest.ts";
import { type FieldErrors, FORM_ERROR as FORM } from "./form-kit.ts";

const API_LEAD = "json validation error: ";

/** What each refusal means to a person, for those that name no field. */
export type RefusalWords = Readonly<Partial<Record<CheckFailure["kind"], string>>>;

const DEFAULT_WORDS: Readonly<Record<CheckFailure["kind"], string>> = {
  invalid: "Something in the form is not valid.",
  not_found: "It no longer exists (it may have been deleted meanwhile).",
  forbidden: "It belongs to another project.",
  check_limit: "The project has reached its check limit; delete a check or raise the limit (tocsin.toml or the command line).",
  managed: "It is declared in the config file: change it there.",
  conflict: "That is already in use.",
  not_paused: "The check is not paused.",
};

export function refusalErrors(f: CheckFailure, words: RefusalWords = {}): FieldErrors {
  switch (f.kind) {
    case "invalid": {
      const message = f.message.startsWith(API_LEAD) ? f.message.slice(API_LEAD.length) : f.message;
      return { [formField(f.field)]: message };
    }
    case "conflict":
      return { [formField(f.field)]: f.message };
    case "not_found":
    case "forbidden":
    case "check_limit":
    case "managed":
    case "not_paused":
      return { [FORM]: words[f.kind] ?? DEFAULT_WORDS[f.kind] };
    default: {
      const unreachable: never = f;
      throw new Error(`unknown refusal ${JSON.stringify(unreachable)}`);
    }
  }
}

/** "settings.url" (a channel's setting) is the form's "url"; no field is the form's. */
function formField(field: string | undefined): string {
  if (field === undefined || field === "") return FORM;
  return field.startsWith("settings.") ? field.slice("settings.".length).split(".")[0]! : field;
}

/** A zone field's message with the nearest known zone, for the typo it usually is. */
export function withZoneHint(errors: FieldErrors, field: string, typed: string): FieldErrors {
  const message = errors[field];
  if (message === undefined) return errors;
  const hint = didYouMean(nearestZone(typed, Intl.supportedValuesOf("timeZone")));
  return hint === "" ? errors : { ...errors, [field]: `${message}; ${hint}` };
}
