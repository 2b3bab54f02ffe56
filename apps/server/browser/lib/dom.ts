/** Small DOM helpers for every page. Everything people typed is set as text, never as HTML. */

type Child = Node | string | number | null | undefined | false | Child[];
type Attributes = Record<string, string | boolean | number | null | undefined | EventListener>;

/** An element with attributes (`class`, `on<event>` listeners, others as attributes) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') node.className = String(value);
    else if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node: Node & ParentNode, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(node, child);
    else if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
}

/** The element with this id; a page without it is a page this script was not written for. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`This page has no #${id}.`);
  return node as T;
}

/** The first element matching `selector` inside `root`. */
export function one<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const node = root.querySelector<T>(selector);
  if (!node) throw new Error(`Nothing matches ${selector}.`);
  return node;
}

/** The JSON the server put in `<script type="application/json" id=...>` for this page. */
export function pageData<T>(id: string): T {
  return JSON.parse(byId(id).textContent ?? 'null') as T;
}

/** A form field's text ('' when the field is missing or a file). */
export function textOf(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** Shows `message` in an error line, or hides the line when there is none. */
export function showError(node: HTMLElement, message: string | null): void {
  node.textContent = message ?? '';
  node.hidden = message === null;
}

/** What went wrong, in words for the page. */
export function messageOf(problem: unknown): string {
  return problem instanceof Error ? problem.message : 'Something went wrong. Try again.';
}

/** "14:03:07" in the reader's time zone. */
export function wallClock(at: string | Date): string {
  return new Date(at).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
