/** Escaping for the two places data lands in the page's source: HTML text and a JSON script element. */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * JSON for the inside of a `<script type="application/json">` element. The
 * script element ends at the first `</script`, and `<!--` changes how the
 * parser looks for that end, so every `<`, `>` and `&` is written as a \uXXXX
 * escape (as are U+2028/U+2029): JSON.parse reads them back unchanged, and no
 * string in the data can end the element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
