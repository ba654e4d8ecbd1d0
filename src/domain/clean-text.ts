/**
 * Takes out of a text what a person never means to type and a reader must never be handed:
 * control characters and terminal escape sequences (ESC[31m colours a terminal, ESC]0;…BEL
 * retitles it, a lone CR overwrites a log line), and the bidi embeddings, overrides and
 * isolates that make "ABC" display as "CBA" (U+202A–202E, U+2066–2069). What is left is
 * stored and echoed as it is, so it must be harmless on a screen, in a log and in a spreadsheet.
 */

/* eslint-disable no-control-regex -- finding control characters is what these expressions are for */

/**
 * Terminal strings (OSC, DCS, SOS, PM, APC) up to their terminator, in 7-bit (ESC ] …) and
 * 8-bit (U+009D …) form: their contents are commands to the terminal, not text. An
 * unterminated introducer is taken out on its own below, and what follows stays as text.
 */
const TERMINAL_STRING = /(?:\u001b[P\]X^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)/g;

/** Control sequences (CSI): ESC [ or U+009B, parameters, intermediates, one final byte. */
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g;

/** Every other escape: ESC, intermediates, one final byte (ESC c resets a terminal). */
const OTHER_ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;

/** C0 but tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/* eslint-enable no-control-regex */

/**
 * A message without control characters, escape sequences and bidi controls. Tabs and newlines
 * stay (a guided answer or a list of honours may span lines); line ends become `\n` (CRLF and a
 * lone CR alike), so a CR cannot hide the start of a line.
 */
export function cleanText(text: string): string {
  return text
    .replace(TERMINAL_STRING, '')
    .replace(CSI, '')
    .replace(OTHER_ESCAPE, '')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '');
}

/** One line (a file name, a person's name): as {@link cleanText}, and each run of tabs and newlines is one space. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/[\t\n]+/g, ' ');
}
