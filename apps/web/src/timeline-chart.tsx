import { useEffect, useRef } from 'preact/hooks';
import { Timeline, TimelineItem } from 'vis-timeline/standalone';
import { DayRange, dayDate, dayNumber, dayString, isDay } from './days';
import { Lane, Mark, drawnDays } from './timeline-items';

const DAY_MS = 86_400_000;

/**
 * The timeline by the date things happened (vis-timeline, which draws ranges): one lane per film
 * and one for the franchise; an exact day as a box, an uncertain date as the span of its days.
 * The pointer zooms and pans it; the buttons do the same from the keyboard. A click opens the
 * claims behind a mark (the list under the chart offers the same to the keyboard). The red line
 * is "as of": dragging it moves the date.
 */
export function TimelineChart(props: {
  franchiseId: string;
  lanes: Lane[];
  marks: Mark[];
  /** The first and last day of everything recorded, whatever the dates asked. */
  extent?: DayRange;
  asOf?: string;
  fresh: Set<string>;
  onOpen: (mark: Mark) => void;
  onAsOf: (day: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline>(undefined);
  const marksById = useRef(new Map<string, Mark>());
  const handlers = useRef(props);
  handlers.current = props;

  useEffect(() => {
    const chart = new Timeline(container.current!, [], [], {
      orientation: 'top',
      stack: true,
      selectable: true,
      showCurrentTime: false,
      // The page scrolls under a plain wheel; Ctrl + wheel (or a pinch) zooms the chart.
      zoomKey: 'ctrlKey',
      groupOrder: 'order',
      margin: { item: { horizontal: 2, vertical: 6 } },
      tooltip: { followMouse: true, overflowMethod: 'cap' },
      zoomMin: 7 * DAY_MS,
    });
    chart.on('select', ({ items }: { items: string[] }) => {
      const mark = marksById.current.get(items[0]);
      if (mark) handlers.current.onOpen(mark);
    });
    chart.on('timechanged', ({ id, time }: { id: string; time: Date }) => {
      const day = time.toISOString().slice(0, 10);
      if (id === 'as-of' && isDay(day)) handlers.current.onAsOf(day);
    });
    timeline.current = chart;
    return () => chart.destroy();
  }, []);

  // Fitted once per franchise, to everything recorded and the as-of line; after that the window is the reader's.
  const fittedFor = useRef<string>(undefined);
  useEffect(() => {
    if (!props.extent || fittedFor.current === props.franchiseId) return;
    fittedFor.current = props.franchiseId;
    const days = [props.extent.earliest, props.extent.latest, ...(props.asOf ? [props.asOf] : [])].sort();
    showDays(timeline.current!, days[0], days[days.length - 1], true);
  }, [props.franchiseId, props.extent, props.asOf]);

  const shownFresh = useRef(new Set<string>());
  useEffect(() => {
    const chart = timeline.current!;
    const extent = props.extent ?? { earliest: '2000-01-01', latest: '2000-01-01' };
    marksById.current = new Map(props.marks.map((m) => [m.id, m]));
    chart.setGroups(props.lanes.map((lane, order) => ({ id: lane.id, content: textElement(lane.title), order })));
    chart.setItems(props.marks.map((mark) => itemOf(mark, extent, props.fresh.has(mark.id))));
    // A new claim outside the window widens it, so that what arrives is seen arriving.
    const arrived = props.marks.filter((m) => props.fresh.has(m.id) && !shownFresh.current.has(m.id));
    arrived.forEach((m) => shownFresh.current.add(m.id));
    if (arrived.length > 0) {
      const days = arrived.flatMap((m) => Object.values(drawnDays(m, extent)));
      showDays(chart, days.sort()[0], days[days.length - 1], false);
    }
  }, [props.lanes, props.marks, props.fresh, props.extent]);

  useEffect(() => {
    const chart = timeline.current!;
    if (!props.asOf) {
      if (hasAsOfLine(chart)) chart.removeCustomTime('as-of');
      return;
    }
    if (hasAsOfLine(chart)) chart.setCustomTime(dayDate(props.asOf), 'as-of');
    else chart.addCustomTime(dayDate(props.asOf), 'as-of');
    chart.setCustomTimeTitle(`As of ${props.asOf}: drag to move`, 'as-of');
  }, [props.asOf]);

  const pan = (share: number) => {
    const chart = timeline.current!;
    const { start, end } = chart.getWindow();
    const shift = (end.getTime() - start.getTime()) * share;
    chart.setWindow(start.getTime() + shift, end.getTime() + shift);
  };
  return (
    <section class="chart" aria-labelledby="chart-heading">
      <div class="chart-head">
        <h2 id="chart-heading" tabIndex={-1}>
          Timeline
        </h2>
        <div class="toolbar" role="group" aria-label="Move the timeline">
          <button type="button" onClick={() => pan(-0.3)}>
            ← Earlier
          </button>
          <button type="button" onClick={() => pan(0.3)}>
            Later →
          </button>
          <button type="button" onClick={() => timeline.current!.zoomIn(0.5)}>
            Zoom in
          </button>
          <button type="button" onClick={() => timeline.current!.zoomOut(0.5)}>
            Zoom out
          </button>
          <button type="button" onClick={() => timeline.current!.fit()}>
            Fit all
          </button>
        </div>
      </div>
      <p class="legend">
        <span class="swatch exact" aria-hidden="true" /> exact day <span class="swatch span" aria-hidden="true" />{' '}
        uncertain date, drawn from its earliest to its latest day <span class="swatch open" aria-hidden="true" /> open
        end <span class="swatch fresh" aria-hidden="true" /> new since you opened the page · ⚑ sources disagree
      </p>
      <div ref={container} class="timeline" />
    </section>
  );
}

/** Widens the window to hold the days from `first` to `last` (or sets it to them, `exactly`), with a margin. */
function showDays(chart: Timeline, first: string, last: string, exactly: boolean): void {
  const from = dayDate(first).getTime();
  const to = dayDate(last).getTime() + DAY_MS;
  const { start, end } = chart.getWindow();
  const low = exactly ? from : Math.min(from, start.getTime());
  const high = exactly ? to : Math.max(to, end.getTime());
  if (!exactly && low === start.getTime() && high === end.getTime()) return;
  const margin = Math.max((high - low) * 0.04, 15 * DAY_MS);
  chart.setWindow(low - margin, high + margin, { animation: false });
}

function hasAsOfLine(chart: Timeline): boolean {
  try {
    chart.getCustomTime('as-of');
    return true;
  } catch {
    return false;
  }
}

function itemOf(mark: Mark, extent: DayRange, fresh: boolean): TimelineItem {
  const days = drawnDays(mark, extent);
  const content = textElement(mark.label);
  content.dataset.eventId = mark.id;
  content.dataset.source = mark.entry.sourceId;
  content.dataset.kind = mark.entry.type;
  const classes = ['mark', mark.exact ? 'exact' : 'span', `kind-${mark.entry.type}`, mark.entry.certainty];
  if (mark.open) classes.push('open');
  if (mark.disputed) classes.push('disputed');
  if (fresh) classes.push('fresh');
  return {
    id: mark.id,
    group: mark.lane,
    content,
    title: escapeHtml(mark.description),
    className: classes.join(' '),
    start: dayDate(days.earliest),
    // A span covers its last day whole: it ends at the start of the day after.
    ...(mark.exact
      ? { type: 'box' as const }
      : { type: 'range' as const, end: dayDate(dayString(dayNumber(days.latest) + 1)) }),
  };
}

/** vis-timeline takes HTML for content; an element built from text cannot carry markup from a claim. */
function textElement(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
