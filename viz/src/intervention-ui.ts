// The interventions a viewer makes by clicking: the node menu (crash, restart, pause, ...),
// drawing a network partition (click nodes into group A or B, then cut), and adding or
// stopping a consumer of a group. Each becomes an Intervention at the current time and the
// app re-runs (interventions.ts turns them into scenario faults).

import type { App } from "./app.ts";
import { describeIntervention, partitionTarget, type Intervention, type InterventionAction } from "./interventions.ts";
import type { NodeClick } from "./views/cluster-view.ts";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export type Side = "A" | "B";

export class InterventionUi {
  /** Nodes picked while drawing a partition; null when not drawing. */
  private drawing: Map<string, Side> | null = null;
  /** What the group controls last showed (they are rebuilt only when it changes). */
  private groupsKey = "";

  constructor(private readonly app: App) {
    $("draw-partition").addEventListener("click", () => this.startDrawing());
    $("partition-cancel").addEventListener("click", () => this.stopDrawing());
    $("partition-cut").addEventListener("click", () => this.cut());
    document.addEventListener("click", (e) => {
      const menu = $("node-menu");
      if (!menu.hidden && !menu.contains(e.target as Node) && !(e.target as Element).closest?.(".node")) menu.hidden = true;
    });
  }

  private get atMs(): number {
    return Math.round(this.app.playback.timeUs) / 1000;
  }

  private get durationMs(): number {
    return (this.app.scenario?.durationUs ?? 0) / 1000;
  }

  private add(iv: Intervention): void {
    this.app.rerun({ interventions: [...this.app.state.interventions, iv] });
  }

  /** A click on a node: picks it while drawing a partition, else opens its menu. */
  nodeClicked(c: NodeClick): void {
    if (this.drawing === null) this.openMenu(c);
    else this.pick(c.node);
  }

  // ---- drawing a network partition ----

  private startDrawing(): void {
    $("node-menu").hidden = true;
    this.drawing = new Map();
    $("partition-draw").hidden = false;
    $("draw-partition").hidden = true;
    this.showDrawing();
  }

  stopDrawing(): void {
    this.drawing = null;
    $("partition-draw").hidden = true;
    $("draw-partition").hidden = false;
    this.app.showPartitionGroups(new Map());
  }

  /** none → A → B → none. */
  private pick(node: string): void {
    const d = this.drawing!;
    const now = d.get(node);
    if (now === undefined) d.set(node, "A");
    else if (now === "A") d.set(node, "B");
    else d.delete(node);
    this.showDrawing();
  }

  /** The groups to cut: B defaults to every broker not in A (A isolated from the cluster). */
  private groups(): [string[], string[]] {
    const d = this.drawing ?? new Map<string, Side>();
    const short = (n: string): string => n.replace(/^broker-/, "");
    const a = [...d].filter(([, s]) => s === "A").map(([n]) => short(n));
    let b = [...d].filter(([, s]) => s === "B").map(([n]) => short(n));
    if (b.length === 0) b = (this.app.a?.model.brokers ?? []).map(String).filter((x) => !a.includes(x));
    return [a, b];
  }

  private showDrawing(): void {
    const d = this.drawing;
    if (d === null) return;
    const [a, b] = this.groups();
    const explicitB = [...d.values()].includes("B");
    const name = (n: string): string => (/^\d+$/.test(n) ? `broker ${n}` : n);
    $("partition-groups").textContent = `A: ${a.length === 0 ? "—" : a.map(name).join(", ")}   |   B: ${b.length === 0 ? "—" : b.map(name).join(", ")}${explicitB ? "" : " (the other brokers)"}`;
    const ok = a.length > 0 && b.length > 0 && this.atMs < this.durationMs;
    $<HTMLButtonElement>("partition-cut").disabled = !ok;
    $("partition-cut").textContent = `Cut at ${(this.atMs / 1000).toFixed(3)} s`;
    this.app.showPartitionGroups(d);
  }

  /** Called on every seek while drawing, so the button shows the time the cut lands at. */
  refresh(): void {
    if (this.drawing !== null) this.showDrawing();
  }

  private cut(): void {
    const [a, b] = this.groups();
    const forMs = Number($<HTMLSelectElement>("partition-for").value);
    this.stopDrawing();
    this.add({ action: "partition", target: partitionTarget([a, b]), atMs: this.atMs, forMs: forMs > 0 ? forMs : null });
  }

  // ---- consumers: one more, one fewer ----

  /** Per consumer group: "+ consumer" (a new instance joins now) and "− consumer" (the last running one leaves). */
  showGroups(): void {
    const box = $("group-controls");
    const scenario = this.app.scenario;
    const model = this.app.a?.model;
    const t = this.app.playback.timeUs;
    const late = this.atMs >= this.durationMs;
    const running = (group: string, instances: number): string[] =>
      Array.from({ length: instances }, (_, i) => `${group}-${i + 1}`).filter((m) => (model?.process.get(m)?.at(t) ?? "down") === "up");
    const key = `${scenario?.name}:${late}:${scenario?.consumers.map((c) => running(c.group, c.instances).join(",")).join(";")}:${this.app.state.interventions.length}`;
    if (key === this.groupsKey) return;
    this.groupsKey = key;
    box.replaceChildren();
    if (scenario === null || model === undefined || scenario.consumers.length === 0) return;
    for (const c of scenario.consumers) {
      const row = document.createElement("div");
      row.className = "group-row";
      const up = running(c.group, c.instances);
      const label = document.createElement("span");
      label.textContent = `group ${c.group}: ${up.length} of ${c.instances} running`;
      const plus = button(`+ consumer`, `add-consumer-${c.group}`, late, () => this.add({ action: "addConsumer", target: c.group, atMs: this.atMs, forMs: null }));
      const last = up[up.length - 1];
      const minus = button(`− consumer`, `stop-consumer-${c.group}`, late || last === undefined, () => {
        if (last !== undefined) this.add({ action: "stop", target: last, atMs: this.atMs, forMs: null });
      });
      minus.title = last === undefined ? "no instance is running" : `${last} closes and leaves the group`;
      row.append(label, plus, minus);
      box.append(row);
    }
  }

  // ---- the node menu ----

  private openMenu(c: NodeClick): void {
    const menu = $("node-menu");
    const atMs = this.atMs;
    const own = c.node === "controller" ? "controller" : c.node.replace(/^broker-/, "");
    const title = document.createElement("div");
    title.className = "title";
    title.textContent = `${c.node} at ${(atMs / 1000).toFixed(3)} s`;
    const isBroker = /^broker-\d+$/.test(c.node);
    const isClient = !isBroker && c.node !== "controller";
    const isConsumer = isClient && this.app.a?.model.groups.some((g) => g.members.includes(c.node)) === true;
    type Item = [InterventionAction, string, number | null, string, string];
    const items: Item[] = [
      ["crash", "Crash (kill -9)", null, own, "action-crash"],
      ["crash", "Crash for 10 s", 10_000, own, "action-crash-10s"],
      ["restart", "Restart", null, own, "action-restart"],
    ];
    if (!isClient) items.push(["powerLoss", "Power loss", null, own, "action-powerLoss"]);
    items.push(
      ["pause", isClient ? "Pause 60 s (stuck poll loop)" : "Pause 5 s (GC stall)", isClient ? 60_000 : 5_000, own, "action-pause"],
      ["stop", isConsumer ? "Close (leave the group)" : isClient ? "Close" : "Clean shutdown (SIGTERM)", null, own, "action-stop"],
    );
    if (isBroker) {
      items.push(
        ["isolate", "Cut off from the other brokers for 20 s", 20_000, own, "action-isolate"],
        ["slowDisk", "Disk 10× slower for 20 s", 20_000, own, "action-slowDisk"],
        ["powerLoss", "Power loss of every broker (one rack)", null, "all", "action-powerLoss-all"],
      );
    }
    const late = atMs >= this.durationMs;
    const buttons = items.map(([action, label, forMs, target, testId]) =>
      button(label, testId, late, () => {
        menu.hidden = true;
        this.add({ action, target, atMs, forMs });
      }),
    );
    for (const b of buttons) b.setAttribute("role", "menuitem");
    const note = document.createElement("div");
    note.className = "muted";
    note.textContent = late ? "faults can be added before the end of duration (the run is healing)" : "re-runs the scenario with this fault";
    menu.replaceChildren(title, ...buttons, note);
    menu.hidden = false;
    menu.style.left = `${Math.min(c.clientX, window.innerWidth - 220)}px`;
    menu.style.top = `${Math.min(c.clientY + 4, window.innerHeight - 260)}px`;
    buttons[0]?.focus();
  }

  /** The recorded interventions, each with a remove button. */
  showList(): void {
    $("interventions").replaceChildren(
      ...this.app.state.interventions.map((iv, i) => {
        const li = document.createElement("li");
        li.textContent = describeIntervention(iv);
        const rm = button("remove", `remove-intervention-${i}`, false, () => this.app.rerun({ interventions: this.app.state.interventions.filter((_, j) => j !== i) }));
        li.append(rm);
        return li;
      }),
    );
  }
}

function button(text: string, testId: string, disabled: boolean, onClick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.setAttribute("data-testid", testId);
  b.disabled = disabled;
  b.addEventListener("click", onClick);
  return b;
}
