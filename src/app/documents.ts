/**
 * The files the evidence exports produce: a CSV that opens in Excel as UTF-8 (a byte-order mark,
 * CRLF line ends, RFC 4180 quoting, formulas neutralised: see csvCell) and a printable HTML page
 * (one self-contained file with its own print styles; every value escaped).
 */
import { csvCell } from './exportCompliance';

export type Cell = string | number | null;

export interface EvidenceFile {
  readonly fileName: string;
  readonly contentType: 'text/csv; charset=utf-8' | 'text/html; charset=utf-8' | 'text/plain; charset=utf-8' | 'application/json; charset=utf-8';
  readonly body: string;
  /** Data rows (or records) in the file. */
  readonly rows: number;
}

export type EvidenceFormat = 'csv' | 'html';

export function formatOf(value: unknown): EvidenceFormat | null {
  if (value === undefined || value === null || value === '' || value === 'csv') return 'csv';
  return value === 'html' ? 'html' : null;
}

export function csvFile(fileName: string, header: readonly string[], rows: readonly (readonly Cell[])[]): EvidenceFile {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return { fileName, contentType: 'text/csv; charset=utf-8', body: `\uFEFF${lines.join('\r\n')}\r\n`, rows: rows.length };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A table with a caption, header row and body; numbers right-aligned. */
export function htmlTable(caption: string, header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (v: Cell, tag: 'td' | 'th') =>
    `<${tag}${typeof v === 'number' ? ' class="n"' : ''}${tag === 'th' ? ' scope="col"' : ''}>${v === null ? '' : escapeHtml(String(v))}</${tag}>`;
  return [
    '<table>',
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${header.map((h) => cell(h, 'th')).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((v) => cell(v, 'td')).join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

export interface HtmlSection {
  readonly heading?: string;
  /** Paragraphs of plain text. */
  readonly paragraphs?: readonly string[];
  /** Term and description pairs. */
  readonly facts?: readonly (readonly [string, string])[];
  readonly table?: { readonly caption: string; readonly header: readonly string[]; readonly rows: readonly (readonly Cell[])[] };
}

const STYLE = `
body{font:11pt/1.4 "Segoe UI",system-ui,sans-serif;color:#111;margin:2rem;max-width:70rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.meta{color:#444;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:10pt}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
thead th{background:#eee}.n{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;white-space:pre-wrap}
@media print{body{margin:0;max-width:none}thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}}
`;

/** A whole printable page. */
export function htmlFile(fileName: string, title: string, meta: readonly string[], sections: readonly HtmlSection[], rows: number): EvidenceFile {
  const parts: string[] = [];
  for (const s of sections) {
    if (s.heading !== undefined) parts.push(`<h2>${escapeHtml(s.heading)}</h2>`);
    for (const p of s.paragraphs ?? []) parts.push(`<p>${escapeHtml(p)}</p>`);
    if (s.facts !== undefined && s.facts.length > 0) {
      parts.push(`<dl>${s.facts.map(([t, d]) => `<dt>${escapeHtml(t)}</dt><dd>${escapeHtml(d)}</dd>`).join('')}</dl>`);
    }
    if (s.table !== undefined) parts.push(htmlTable(s.table.caption, s.table.header, s.table.rows));
  }
  const body = [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`),
    ...parts,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { fileName, contentType: 'text/html; charset=utf-8', body, rows };
}

/** A file-name part from an organisation's or person's name. */
export function slug(text: string, fallback: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || fallback;
}
