/**
 * A small streaming CSV tokenizer (RFC 4180 plus what Swedish and Norwegian school systems
 * export): `;`, `,` or tab separators detected from the header, quoted fields with doubled
 * quotes and embedded separators or line breaks, CRLF/LF/CR line ends. It keeps only the current
 * record in memory, so files of any size stream through it.
 *
 * Why not csv-parse (a dependency for the tests' readers): on a quote left open by a hand-edited
 * export it either fails the whole file, naming the line where parsing ended
 * (CSV_QUOTE_NOT_CLOSED), or with skip_records_with_error drops the rest without saying where.
 * This tokenizer imports the records before it and flags the record where the quote opened
 * (`unterminated`), so the importer tells the person which line to fix; a stray quote inside an
 * unquoted field stays text, as Excel writes it (checked 2026-12-07 with csv-parse 7).
 */

export type Delimiter = ';' | ',' | '\t';

/** One record with the physical line it starts on (1-based, the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** The record ended inside an unterminated quoted field (end of file). */
  unterminated?: boolean;
}

/** Picks the separator that splits the header line into the most fields (outside quotes). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  // Ties favour `;`: Swedish Excel exports use it because `,` is the decimal mark.
  return (['\t', ',', ';'] as const).reduce<Delimiter>((best, d) => (counts[d] > counts[best] ? d : best), ';');
}

/** Incremental tokenizer: `push` text chunks, collect finished records, `end` flushes the last. */
export class CsvTokenizer {
  private delimiter: Delimiter | undefined;
  private pendingHeader = '';
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  /** The previous character was a quote inside a quoted field (either an escape or the end). */
  private quoteSeen = false;
  private lastWasCR = false;
  private line = 1;
  private recordLine = 1;
  private recordHasContent = false;

  constructor(delimiter?: Delimiter) {
    this.delimiter = delimiter;
  }

  get separator(): Delimiter | undefined {
    return this.delimiter;
  }

  /** Feeds text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    if (!this.delimiter) {
      // Wait for the whole header line before choosing the separator.
      this.pendingHeader += text;
      const nl = this.pendingHeader.search(/[\r\n]/);
      if (nl < 0 && this.pendingHeader.length < 1_000_000) return [];
      this.delimiter = detectDelimiter(nl < 0 ? this.pendingHeader : this.pendingHeader.slice(0, nl));
      text = this.pendingHeader;
      this.pendingHeader = '';
    }
    const out: CsvRecord[] = [];
    const d = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.lastWasCR) {
        this.lastWasCR = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (ch === '"') {
            this.field += '"';
            continue;
          }
          this.quoted = false;
          // fall through: the character after the closing quote is handled unquoted
        } else if (ch === '"') {
          this.quoteSeen = true;
          continue;
        } else {
          if (ch === '\n' || ch === '\r') {
            this.line++;
            if (ch === '\r') this.lastWasCR = true;
            this.field += '\n';
          } else {
            this.field += ch;
          }
          continue;
        }
      }
      if (ch === '"' && this.field.length === 0) {
        this.quoted = true;
        this.recordHasContent = true;
      } else if (ch === d) {
        this.fields.push(this.field);
        this.field = '';
        this.recordHasContent = true;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') this.lastWasCR = true;
        const rec = this.finishRecord();
        if (rec) out.push(rec);
        this.line++;
        this.recordLine = this.line;
      } else {
        // A stray quote inside an unquoted field is kept as text, like Excel does.
        this.field += ch;
        this.recordHasContent = true;
      }
    }
    return out;
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(): CsvRecord[] {
    const out = this.pendingHeader ? this.push(this.pendingHeaderFlush()) : [];
    const unterminated = this.quoted && !this.quoteSeen;
    this.quoted = false;
    this.quoteSeen = false;
    const rec = this.finishRecord();
    if (rec) out.push(unterminated ? { ...rec, unterminated: true } : rec);
    return out;
  }

  private pendingHeaderFlush(): string {
    const t = this.pendingHeader;
    this.pendingHeader = '';
    this.delimiter = detectDelimiter(t);
    return t;
  }

  private finishRecord(): CsvRecord | undefined {
    const has = this.recordHasContent || this.field.length > 0;
    const fields = [...this.fields, this.field];
    this.fields = [];
    this.field = '';
    this.recordHasContent = false;
    if (!has) return undefined; // blank line
    return { line: this.recordLine, fields };
  }
}
