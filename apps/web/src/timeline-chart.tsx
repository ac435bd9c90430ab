import { useEffect, useRef } from 'preact/hooks';
import { Timeline, TimelineItem } from 'vis-timeline/standalone';
import { DayRange, dayDate, dayNumber, dayString } from './days';
import { Lane, Mark, drawnDays } from './timeline-items';

/**
 * The timeline by the date things happened (vis-timeline, which draws ranges): one lane per film
 * and one for the franchise; an exact day as a box, an uncertain date as the span of its days.
 * The pointer zooms and pans it; the buttons do the same from the keyboard. A click opens the
 * claims behind a mark (the list under the chart offers the same to the keyboard).
 */
export function TimelineChart(props: {
  franchiseId: string;
  lanes: Lane[];
  marks: Mark[];
  extent: DayRange;
  asOf?: string;
  fresh: Set<string>;
  onOpen: (mark: Mark) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline>(undefined);
  const marksById = useRef(new Map<string, Mark>());
  const onOpen = useRef(props.onOpen);
  onOpen.current = props.onOpen;

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
      zoomMin: 7 * 86_400_000,
    });
    chart.on('select', ({ items }: { items: string[] }) => {
      const mark = marksById.current.get(items[0]);
      if (mark) onOpen.current(mark);
    });
    timeline.current = chart;
    return () => chart.destroy();
  }, []);

  // Fitted to the marks once per franchise; after that the window is the reader's.
  const fittedFor = useRef<string>(undefined);
  const shownFresh = useRef(new Set<string>());
  useEffect(() => {
    const chart = timeline.current!;
    marksById.current = new Map(props.marks.map((m) => [m.id, m]));
    chart.setGroups(props.lanes.map((lane, order) => ({ id: lane.id, content: textElement(lane.title), order })));
    chart.setItems(props.marks.map((mark) => itemOf(mark, props.extent, props.fresh.has(mark.id))));
    if (fittedFor.current !== props.franchiseId && props.marks.length > 0) {
      fittedFor.current = props.franchiseId;
      chart.fit({ animation: false });
    }
    // A new claim outside the window widens it, so that what arrives is seen arriving.
    const arrived = props.marks.filter((m) => props.fresh.has(m.id) && !shownFresh.current.has(m.id));
    arrived.forEach((m) => shownFresh.current.add(m.id));
    if (arrived.length > 0) {
      const { start, end } = chart.getWindow();
      const days = arrived.map((m) => drawnDays(m, props.extent));
      const first = Math.min(start.getTime(), ...days.map((d) => dayDate(d.earliest).getTime()));
      const last = Math.max(end.getTime(), ...days.map((d) => dayDate(d.latest).getTime() + 86_400_000));
      if (first < start.getTime() || last > end.getTime()) {
        const margin = (last - first) * 0.05;
        chart.setWindow(first - margin, last + margin);
      }
    }
  }, [props.franchiseId, props.lanes, props.marks, props.fresh]);

  useEffect(() => {
    const chart = timeline.current!;
    try {
      chart.removeCustomTime('as-of');
    } catch {
      // There was no line yet.
    }
    if (props.asOf) {
      chart.addCustomTime(dayDate(props.asOf), 'as-of');
      chart.setCustomTimeTitle(`As of ${props.asOf}`, 'as-of');
    }
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
        <h2 id="chart-heading">Timeline</h2>
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
        uncertain date, drawn from its earliest to its latest day <span class="swatch fresh" aria-hidden="true" /> new
        since you opened the page
      </p>
      <div ref={container} class="timeline" />
    </section>
  );
}

function itemOf(mark: Mark, extent: DayRange, fresh: boolean): TimelineItem {
  const days = drawnDays(mark, extent);
  const content = textElement(mark.label);
  content.dataset.eventId = mark.id;
  content.dataset.source = mark.entry.sourceId;
  content.dataset.kind = mark.entry.type;
  const classes = ['mark', mark.exact ? 'exact' : 'span', `kind-${mark.entry.type}`, mark.entry.certainty];
  if (mark.open) classes.push('open');
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
