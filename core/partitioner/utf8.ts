// The bytes a Java producer hashes for a String key: StringSerializer calls
// `String.getBytes(StandardCharsets.UTF_8)` (clients/.../common/serialization/StringSerializer.java).
// We encode by hand instead of using TextEncoder because Java and the WHATWG encoder disagree on
// one case: Java replaces an unpaired surrogate with '?' (0x3f), TextEncoder with U+FFFD (3 bytes).
// Keys with such characters must hash as Java hashes them.

const QUESTION_MARK = 0x3f;

/** UTF-8 bytes of `s` exactly as Java's `String.getBytes(UTF_8)` produces them. */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
    } else if (c < 0x800) {
      out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
        i++;
      } else {
        out.push(QUESTION_MARK);
      }
    } else {
      out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  return Uint8Array.from(out);
}
