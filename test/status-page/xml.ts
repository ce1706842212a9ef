// A strict XML parser for tests (saxes: well-formedness errors are errors), building a small tree.
import { SaxesParser } from "saxes";

export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
}

/** The document's root element; throws on anything that is not well-formed XML. */
export function parseXml(source: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlNode[] = [root];
  let error: Error | null = null;
  parser.on("error", (e) => {
    error ??= e;
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, a] of Object.entries(tag.attributes)) attrs[name] = typeof a === "string" ? a : a.value;
    const node: XmlNode = { name: tag.local ?? tag.name, attrs, children: [], text: "" };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on("text", (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(source).close();
  if (error) throw error;
  const element = root.children[0];
  if (!element) throw new Error("no root element");
  return element;
}

/** Every element below `node` (depth first) with this local name. */
export function all(node: XmlNode, name: string): XmlNode[] {
  return node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

/** The text of the first child element with this name, "" when there is none. */
export function childText(node: XmlNode, name: string): string {
  return node.children.find((c) => c.name === name)?.text ?? "";
}
