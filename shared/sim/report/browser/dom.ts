/// <reference lib="dom" />
/**
 * Building DOM nodes. Data only ever becomes text nodes and attribute values
 * (createElement, createTextNode, setAttribute), never markup.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What may sit among an element's children: nothing (skipped), text, a node or a list of those. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attribute values; nothing (null, undefined, false) leaves the attribute out. */
export type Attributes = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Appends `children` to `node` in order, text as text nodes, flattening lists. */
export function append<T extends Node>(node: T, children: Child): T {
  const list: readonly Child[] = Array.isArray(children) ? children : [children];
  for (const child of list) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(node, child);
      continue;
    }
    node.appendChild(
      typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child))
        : (child as Node),
    );
  }
  return node;
}

function setAttributes(node: Element, attributes: Attributes | null): void {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, String(value));
    }
  }
}

/** An HTML element with its attributes and children. */
export function h(tag: string, attributes: Attributes | null, children?: Child): HTMLElement {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  return append(node, children);
}

/** An SVG element with its attributes and children. */
export function svg(tag: string, attributes: Attributes | null, children?: Child): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  return append(node, children);
}
