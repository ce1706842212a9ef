// zod issues as one-line messages that name the field, worded like Healthchecks' API errors
// ("name is too long", "timeout is not a number") so that existing clients read familiar text.
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

export function describeIssue(issue: z.core.$ZodIssue): FieldError {
  const [head, ...rest] = issue.path;
  const field = head === undefined ? "" : String(head);
  const subject = field === "" ? "value" : rest.length > 0 ? `an item in '${field}'` : field;
  return { field, message: `${subject} ${issueText(issue)}` };
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `is not ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "too_big":
      return issue.origin === "string" || issue.origin === "array" ? "is too long" : "is too large";
    case "too_small":
      return issue.origin === "string" || issue.origin === "array" ? "is too short" : "is too small";
    case "invalid_format":
      return issue.format === "regex" && "pattern" in issue ? `does not match pattern ${String(issue.pattern).replace(/^\/|\/$/g, "")}` : "does not match pattern";
    case "invalid_value":
      return "has unexpected value";
    case "invalid_union": {
      // when only one alternative accepted the value's type, its complaint is the useful one
      // ("start must be a date-time with a time zone offset", not "has an unexpected type")
      const typed = issue.errors.filter((errors) => errors.every((e) => e.code !== "invalid_type"));
      const only = typed.length === 1 ? typed[0]![0] : undefined;
      return only ? issueText(only) : "has an unexpected type";
    }
    case "unrecognized_keys":
      return `has unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    default:
      return issue.message;
  }
}
