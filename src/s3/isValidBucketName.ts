/**
 * The general-purpose bucket naming rules: 3-63 characters of `a-z 0-9 . -`, starting and ending
 * with a letter or digit, no `..`, not shaped like an IPv4 address, and none of the prefixes and
 * suffixes AWS reserves. Legacy names with capitals or `_` are refused too.
 */
const RESERVED_PREFIXES: readonly string[] = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES: readonly string[] = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

export function isValidBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  let dots = 0;
  let digitsAndDotsOnly = true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const isLetter = c >= 97 && c <= 122;
    const isDigit = c >= 48 && c <= 57;
    if (isLetter || isDigit) {
      if (isLetter) digitsAndDotsOnly = false;
      continue;
    }
    if (i === 0 || i === name.length - 1) return false;
    if (c === 46) {
      if (name.charCodeAt(i - 1) === 46) return false;
      dots++;
    } else if (c === 45) {
      digitsAndDotsOnly = false;
    } else {
      return false;
    }
  }
  if (digitsAndDotsOnly && dots === 3) return false;
  return !hasReservedAffix(name);
}

/** Reserved prefixes start with `x`, `s` or `a`; reserved suffixes end with `s`, `3` or `p`. */
function hasReservedAffix(name: string): boolean {
  const first = name.charCodeAt(0);
  if (first === 120 || first === 115 || first === 97) {
    for (const prefix of RESERVED_PREFIXES) if (name.startsWith(prefix)) return true;
  }
  const last = name.charCodeAt(name.length - 1);
  if (last === 115 || last === 51 || last === 112) {
    for (const suffix of RESERVED_SUFFIXES) if (name.endsWith(suffix)) return true;
  }
  return false;
}
