import { useEffect, useState } from "react";
import { ErrorBanner } from "../../components/error-banner";
import { LoadingState } from "../../components/loading-state";
import { SectionHeader } from "../../components/page-header";
import { type ChartBar, StackedBarChart } from "../../components/stacked-bar-chart";
import { ToggleChips } from "../../components/toggle-chips";
import { FALCO_PRIORITIES, PRIORITY_COLORS, PRIORITY_LABELS } from "./falco-priorities";
import { bucketLabels, type TimelineScale, timelineWindow, toPriorityBuckets } from "./falco-timeline";
import { useFalcoPriorityTimeline } from "./use-falco";

/** How often the chart moves on by itself, so its last bar stays the current hour or day. */
export const TIMELINE_REFRESH_MS = 5 * 60_000;

const SCALES = [
  { value: "24h", label: "Last 24 hours" },
  { value: "14d", label: "Last 14 days" },
] as const;

const SERIES = FALCO_PRIORITIES.map((priority) => ({
  key: priority,
  label: PRIORITY_LABELS[priority],
  color: PRIORITY_COLORS[priority],
}));

/**
 * A cluster's events per priority over time: hourly bars for a day, or daily bars for two weeks.
 * `refreshKey` changes when new events arrive, so the bars follow them.
 */
export function FalcoPriorityChart({ clusterId, refreshKey = 0 }: { clusterId: string; refreshKey?: number }) {
  const [scale, setScale] = useState<TimelineScale>("24h");
  const [period, setPeriod] = useState(() => timelineWindow(scale, Date.now()));

  useEffect(() => {
    setPeriod(timelineWindow(scale, Date.now()));
    const timer = setInterval(() => setPeriod(timelineWindow(scale, Date.now())), TIMELINE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [scale]);

  const { data, previousData, error, refetch } = useFalcoPriorityTimeline(clusterId, period);
  useEffect(() => {
    if (refreshKey > 0) void refetch().catch(() => undefined);
  }, [refreshKey, refetch]);

  const counts = (data ?? previousData)?.falcoPriorityTimeline;
  const title = scale === "24h" ? "Events per hour, last 24 hours" : "Events per day, last 14 days";

  let body;
  if (counts === undefined && error)
    body = <ErrorBanner title="The chart could not be loaded." error={error} onRetry={() => void refetch()} />;
  else if (counts === undefined) body = <LoadingState label="Loading the chart…" />;
  else {
    const bars: ChartBar[] = toPriorityBuckets(counts, period).map((bucket) => {
      const labels = bucketLabels(bucket.start, scale);
      return { key: String(bucket.start), label: labels.short, longLabel: labels.long, values: bucket.counts };
    });
    body = (
      <StackedBarChart
        title={title}
        series={SERIES}
        bars={bars}
        unit={["event", "events"]}
        labelEvery={scale === "24h" ? 3 : 2}
        emptyMessage={scale === "24h" ? "No events in the last 24 hours" : "No events in the last 14 days"}
      />
    );
  }

  return (
    <section className="card" aria-labelledby="falco-chart-title">
      <SectionHeader
        title={<span id="falco-chart-title">Events by priority</span>}
        description="Every event of this cluster, whatever the filters below. Hover a bar for its numbers."
        actions={
          <ToggleChips
            label="Period"
            hideLabel
            variant="segmented"
            options={SCALES}
            value={scale}
            onChange={(value) => {
              if (value) setScale(value);
            }}
          />
        }
      />
      {body}
    </section>
  );
}
