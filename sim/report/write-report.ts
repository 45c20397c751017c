// Writes one self-contained HTML report: the renderer template (bundle.ts) with the runs'
// data embedded as JSON — the summary in clear (readable with any text tool), the whole
// payload gzipped and base64-encoded. No network at all: it opens from file://.

import { gzipSync } from "node:zlib";
import { verdictOf } from "../run/verdict.ts";
import { DATA_MARKER } from "./bundle.ts";
import { PAYLOAD_ID, PAYLOAD_VERSION, SUMMARY_ID, type ReportPayload, type ReportRun } from "./payload-format.ts";

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JSON that can sit inside <script>: no `<` at all, so never `</script>` or `<!--`. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

export function reportTitle(runs: readonly ReportRun[]): string {
  return runs.map((r) => `${r.summary.scenario} · seed ${r.summary.seed} · ${verdictOf(r.summary)} · trace ${r.summary.traceHash}`).join("  vs  ");
}

/** The report's HTML for `runs`, from the template. */
export function reportHtml(template: string, runs: ReportRun[], command: string): string {
  const payload: ReportPayload = { version: PAYLOAD_VERSION, command, runs };
  const packed = gzipSync(Buffer.from(JSON.stringify(payload)), { level: 6 }).toString("base64");
  const data =
    `<script type="application/json" id="${SUMMARY_ID}">${scriptJson(runs.map((r) => r.summary))}</script>\n` +
    `<script type="application/octet-stream;base64+gzip" id="${PAYLOAD_ID}">${packed}</script>`;
  const title = `kafkasim report · ${escapeHtml(reportTitle(runs))}`;
  return template
    .replace(/<title>[^<]*<\/title>/, () => `<title>${title}</title>`)
    .replace(DATA_MARKER, () => data);
}
