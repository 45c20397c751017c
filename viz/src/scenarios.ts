// The scenario library, bundled at build time so the static site carries every scenario.

const files = import.meta.glob<string>("../../scenarios/*.yaml", { query: "?raw", import: "default", eager: true });

export interface ScenarioFile {
  /** File name without .yaml: the `?scenario=` value. */
  readonly name: string;
  readonly fileName: string;
  readonly text: string;
}

export const SCENARIOS: readonly ScenarioFile[] = Object.entries(files)
  .map(([path, text]) => {
    const fileName = path.slice(path.lastIndexOf("/") + 1);
    return { name: fileName.replace(/\.yaml$/, ""), fileName: `scenarios/${fileName}`, text };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

export function scenarioByName(name: string): ScenarioFile | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
