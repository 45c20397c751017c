// Text from a scenario or a flag, made safe to print on one terminal line: control characters
// (newlines, ANSI escape sequences that clear the screen or retitle the window) and the Unicode
// marks that reorder or break lines are shown as escapes instead of acting on the terminal.

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The first control character a name or text must not hold (tabs and newlines are text), or null. */
export function controlCharacterIn(text: string): string | null {
  for (const m of text.matchAll(UNPRINTABLE)) if (m[0] !== "\n" && m[0] !== "\t") return m[0];
  return null;
}
