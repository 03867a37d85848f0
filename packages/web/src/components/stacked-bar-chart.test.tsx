import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { StackedBarChart } from "./stacked-bar-chart";

const series = [
  { key: "critical", label: "Critical", color: "#b42318" },
  { key: "notice", label: "Notice", color: "#2457b0" },
];

describe("StackedBarChart", () => {
  it("sums the picture up in its name, and keeps every number in a table", () => {
    render(
      <StackedBarChart
        title="Events per hour"
        series={series}
        unit={["event", "events"]}
        bars={[
          { key: "1", label: "10:00", longLabel: "from 10:00", values: { critical: 1, notice: 2 } },
          { key: "2", label: "11:00", longLabel: "from 11:00", values: { notice: 5 } },
        ]}
      />,
    );
    expect(
      screen.getByRole("img", {
        name: "Events per hour: 8 events, the most from 11:00 (5 events). Critical 1, Notice 7.",
      }),
    ).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Events per hour" });
    const row = within(table).getByRole("row", { name: /from 10:00/ });
    expect(
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["3", "1", "2"]);
    expect(screen.getAllByTestId("chart-bar")[0]?.querySelector("title")?.textContent).toBe(
      "from 10:00: 3 events\nCritical: 1\nNotice: 2",
    );
    expect(screen.getByRole("list", { name: "Legend" })).toHaveTextContent("Critical1Notice7");
  });

  it("says so when there is nothing to draw", () => {
    render(
      <StackedBarChart
        title="Events per day"
        series={series}
        unit={["event", "events"]}
        bars={[{ key: "1", label: "Nov 27", longLabel: "Nov 27", values: {} }]}
        emptyMessage="No events in the last 14 days"
      />,
    );
    expect(screen.getByRole("img", { name: "Events per day: no events in the last 14 days" })).toBeInTheDocument();
    expect(screen.getByText("No events in the last 14 days")).toBeInTheDocument();
  });
});
