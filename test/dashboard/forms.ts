// Reading dashboard forms in tests: one field's markup (its input, its message, its hint).

/** The markup of the field named `name`: its <div class="field"> or <fieldset class="field">. */
export function fieldBlock(page: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`<(div|fieldset) class="field[^"]*"[^>]*data-field="${escaped}"[\\s\\S]*?</\\1>`).exec(page);
  if (!m) throw new Error(`no field ${name} on the page`);
  return m[0];
}
