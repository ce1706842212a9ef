// zod issues as one-line messages that name the field, worded like Healthchecks' API errors
// ("name is too long", "timeout is not a number") so that existing clients read familiar text.
// The one wording of validation problems: the API, the config file and channel settings use it.
import type { z } from "zod";

export interface FieldError {
  /** the field the message is about ("" for the value as a whole) */
  readonly field: string;
  /** starts with the field name */
  readonly message: string;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
};

/** The first issue of a failed parse, as a field error. */
export function firstFieldError(error: z.ZodError): FieldError {
  const issue = error.issues[0];
  if (!issue) return { field: "", message: "value is invalid" };
  return describeIssue(issue);
}

/** What was given at the issue's path, when the caller knows it (a missing value then "is required"). */
export interface Given {
  readonly value: unknown;
}

export function describeIssue(issue: z.core.$ZodIssue, given?: Given): FieldError {
  const [head, ...rest] = issue.path;
  const field = head === undefined ? "" : String(head);
  const subject = field === "" ? "value" : rest.length > 0 ? `an item in '${field}'` : field;
  return { field, message: `${subject} ${issueText(issue, given)}` };
}

/** The problem without its subject: "is required", "is not a string", "is too long"... */
export function issueText(issue: z.core.$ZodIssue, given?: Given): string {
  switch (issue.code) {
    case "invalid_type":
      return given !== undefined && given.value === undefined ? "is required" : `is not ${TYPE_WORDS[issue.expected] ?? (/^[aeiou]/.test(issue.expected) ? "an " : "a ") + issue.expected}`;
    case "too_big":
      return issue.origin === "string" || issue.origin === "array" ? "is too long" : "is too large";
    case "too_small":
      if (issue.origin === "array") return "needs at least one item";
      if (issue.origin === "string") return given?.value === "" ? "is required" : "is too short";
      return "is too small";
    case "invalid_format":
      // a schema's own words ("must be an http or https URL") win over the generic text
      if (!/^Invalid/.test(issue.message)) return issue.message;
      return issue.format === "regex" && "pattern" in issue ? `does not match pattern ${String(issue.pattern).replace(/^\/|\/$/g, "")}` : "does not match pattern";
    case "invalid_value":
      return "has unexpected value";
    case "invalid_union": {
      // when only one alternative accepted the value's type, its complaint is the useful one
      // ("start must be a date-time with a time zone offset", not "has an unexpected type")
      const typed = issue.errors.filter((errors) => errors.every((e) => e.code !== "invalid_type"));
      const only = typed.length === 1 ? typed[0]![0] : undefined;
      return only ? issueText(only, given) : "has an unexpected type";
    }
    case "unrecognized_keys":
      return `has unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    default:
      return issue.message.replace(/^Invalid input: /, "is invalid: ");
  }
}
