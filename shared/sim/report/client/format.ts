/** Page script, part 2: formatting values, change lines as the CLI prints them. */
export const formatScript = `
function percent(share) {
  return (share * 100).toFixed(1) + '%';
}

function barWidth(share) {
  return Math.max(0, Math.min(100, share * 100)).toFixed(2) + '%';
}

function at(seconds) {
  return 't+' + seconds + 's';
}

function plural(count, one, many) {
  return count + ' ' + (count === 1 ? one : many);
}

function slug(text) {
  return String(text).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

function displayName(name) {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function describeChange(change) {
  const r = change.ResourceRecordSet;
  const parts = [change.Action === 'DELETE' ? '-' : '+', change.Action.padEnd(6), displayName(r.Name), r.Type];
  if (r.SetIdentifier !== undefined) parts.push(r.SetIdentifier);
  if (r.Region !== undefined) parts.push('region ' + r.Region);
  if (r.Weight !== undefined) parts.push('weight ' + r.Weight);
  if (r.TTL !== undefined) parts.push('ttl ' + r.TTL);
  if (r.AliasTarget !== undefined) parts.push('-> alias ' + displayName(r.AliasTarget.DNSName));
  if (r.ResourceRecords !== undefined) {
    parts.push('-> ' + r.ResourceRecords.map((v) => v.Value).join(' '));
  }
  return parts.join(' ');
}
`;
