/**
 * Page script, part 1: building DOM nodes. Data only ever becomes text nodes
 * and attribute values (createElement, createTextNode, setAttribute), never
 * markup.
 *
 * The page script is plain browser JavaScript kept in strings; it must not
 * contain backticks, `${` or backslashes (they would be read by the template
 * literal), nor `</script` or `<!--`. A test parses it.
 */
export const domScript = `
const SVG_NS = 'http://www.w3.org/2000/svg';

function append(node, children) {
  const list = Array.isArray(children) ? children : [children];
  for (const child of list) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(node, child);
      continue;
    }
    node.appendChild(
      typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child))
        : child,
    );
  }
  return node;
}

function setAttributes(node, attributes) {
  for (const name of Object.keys(attributes || {})) {
    const value = attributes[name];
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, String(value));
    }
  }
}

function h(tag, attributes, children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  return append(node, children);
}

function svg(tag, attributes, children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  return append(node, children);
}
`;
