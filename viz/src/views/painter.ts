// A tiny drawing surface with two back ends: a canvas (what the page shows, fast for dense
// layers) and an SVG string (what "export SVG" writes). Views draw once, to either.

export interface Painter {
  rect(x: number, y: number, w: number, h: number, fill: string, opacity?: number): void;
  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width?: number, dash?: readonly number[]): void;
  text(x: number, y: number, s: string, fill: string, opts?: { size?: number; anchor?: "start" | "middle" | "end"; bold?: boolean }): void;
  polyline(points: readonly (readonly [number, number])[], stroke: string, width?: number): void;
  triangle(x: number, y: number, size: number, fill: string): void;
}

/** The page's font (styles.css), so canvas and exported text measure as the page's does. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export class CanvasPainter implements Painter {
  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private readonly fontPx: number,
  ) {}

  rect(x: number, y: number, w: number, h: number, fill: string, opacity = 1): void {
    this.ctx.globalAlpha = opacity;
    this.ctx.fillStyle = fill;
    this.ctx.fillRect(x, y, w, h);
    this.ctx.globalAlpha = 1;
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, dash: readonly number[] = []): void {
    const c = this.ctx;
    c.strokeStyle = stroke;
    c.lineWidth = width;
    c.setLineDash(dash as number[]);
    c.beginPath();
    c.moveTo(x1, y1);
    c.lineTo(x2, y2);
    c.stroke();
    c.setLineDash([]);
  }

  text(x: number, y: number, s: string, fill: string, opts: { size?: number; anchor?: "start" | "middle" | "end"; bold?: boolean } = {}): void {
    const c = this.ctx;
    c.fillStyle = fill;
    c.font = `${opts.bold === true ? "600 " : ""}${opts.size ?? this.fontPx}px ${FONT}`;
    c.textAlign = opts.anchor === "middle" ? "center" : opts.anchor === "end" ? "right" : "left";
    c.textBaseline = "middle";
    c.fillText(s, x, y);
  }

  polyline(points: readonly (readonly [number, number])[], stroke: string, width = 1): void {
    const c = this.ctx;
    c.strokeStyle = stroke;
    c.lineWidth = width;
    c.beginPath();
    let pen = false;
    for (const [x, y] of points) {
      if (!Number.isFinite(y)) {
        pen = false;
        continue;
      }
      if (pen) c.lineTo(x, y);
      else c.moveTo(x, y);
      pen = true;
    }
    c.stroke();
  }

  triangle(x: number, y: number, size: number, fill: string): void {
    const c = this.ctx;
    c.fillStyle = fill;
    c.beginPath();
    c.moveTo(x, y);
    c.lineTo(x - size / 2, y - size);
    c.lineTo(x + size / 2, y - size);
    c.closePath();
    c.fill();
  }
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const f = (x: number): string => (Math.round(x * 10) / 10).toString();

export class SvgPainter implements Painter {
  private readonly parts: string[] = [];

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly fontPx: number,
  ) {}

  rect(x: number, y: number, w: number, h: number, fill: string, opacity = 1): void {
    this.parts.push(`<rect x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${f(h)}" fill="${fill}"${opacity < 1 ? ` fill-opacity="${opacity}"` : ""}/>`);
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, dash: readonly number[] = []): void {
    const d = dash.length > 0 ? ` stroke-dasharray="${dash.join(" ")}"` : "";
    this.parts.push(`<line x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2)}" y2="${f(y2)}" stroke="${stroke}" stroke-width="${width}"${d}/>`);
  }

  text(x: number, y: number, s: string, fill: string, opts: { size?: number; anchor?: "start" | "middle" | "end"; bold?: boolean } = {}): void {
    const weight = opts.bold === true ? ` font-weight="600"` : "";
    this.parts.push(
      `<text x="${f(x)}" y="${f(y)}" fill="${fill}" font-size="${opts.size ?? this.fontPx}" text-anchor="${opts.anchor ?? "start"}" dominant-baseline="middle"${weight}>${esc(s)}</text>`,
    );
  }

  polyline(points: readonly (readonly [number, number])[], stroke: string, width = 1): void {
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 1) this.parts.push(`<polyline fill="none" stroke="${stroke}" stroke-width="${width}" points="${run.join(" ")}"/>`);
      run = [];
    };
    for (const [x, y] of points) {
      if (!Number.isFinite(y)) flush();
      else run.push(`${f(x)},${f(y)}`);
    }
    flush();
  }

  triangle(x: number, y: number, size: number, fill: string): void {
    this.parts.push(`<polygon points="${f(x)},${f(y)} ${f(x - size / 2)},${f(y - size)} ${f(x + size / 2)},${f(y - size)}" fill="${fill}"/>`);
  }

  toString(): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}" font-family="${FONT}"><rect width="100%" height="100%" fill="#ffffff"/>${this.parts.join("")}</svg>`;
  }
}

/**
 * A painter that keeps drawing between x0 and x1 (a zoomed timeline's lanes must not spill
 * over the lane labels): rects and polylines are cut at the edges, lines, marks and text
 * outside are skipped. Works for both back ends, so the SVG export zooms like the canvas.
 */
export function clipX(p: Painter, x0: number, x1: number): Painter {
  const inside = (x: number): boolean => x >= x0 - 0.5 && x <= x1 + 0.5;
  return {
    rect(x, y, w, h, fill, opacity) {
      const a = Math.max(x, x0);
      const b = Math.min(x + w, x1);
      if (b > a) p.rect(a, y, b - a, h, fill, opacity);
    },
    line(xa, ya, xb, yb, stroke, width, dash) {
      if (xa === xb) {
        if (inside(xa)) p.line(xa, ya, xb, yb, stroke, width, dash);
        return;
      }
      const a = Math.max(Math.min(xa, xb), x0);
      const b = Math.min(Math.max(xa, xb), x1);
      if (b > a) p.line(a, ya, b, yb, stroke, width, dash);
    },
    text(x, y, s, fill, opts) {
      if (inside(x)) p.text(x, y, s, fill, opts);
    },
    polyline(points, stroke, width) {
      p.polyline(points.map(([x, y]) => [x, x < x0 || x > x1 ? Number.NaN : y] as const), stroke, width);
    },
    triangle(x, y, size, fill) {
      if (inside(x)) p.triangle(x, y, size, fill);
    },
  };
}
