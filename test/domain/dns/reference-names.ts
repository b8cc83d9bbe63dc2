/** listOrderKey as it was, by regular expression and split: the reference the label scan is tested against. */
export function referenceListOrderKey(name: string): string {
  const labels = name.replace(/\.$/, '').split('.');
  let key = '';
  for (let i = labels.length - 1; i >= 0; i--) key += `${labels[i] ?? ''}.`;
  return name === '.' ? '.' : key;
}
