import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AppendForm } from './append-form';
import { FactKey, Franchise, FranchiseState, TimelineEntry, getFranchises, getJson, getTimeline } from './api';
import { ClaimsAsked, ClaimsDrawer } from './claims-drawer';
import { DayRange, dayString, formatDay } from './days';
import { FranchisePicker } from './franchise-picker';
import { useTimelineStream } from './live';
import { StatePanel } from './state-panel';
import { TimeControls } from './time-controls';
import { TimelineChart } from './timeline-chart';
import { KIND_LABELS, Mark, extentOf, factId, lanesOf, marksOf } from './timeline-items';
import { ViewState, apiParams, readViewState, writeViewState } from './view-state';

/** How long the view waits for the sliders to settle before asking again. */
const SETTLE_MS = 120;
/** Changes closer together than this (a slider dragged) make one step of the browser's history. */
const HISTORY_STEP_MS = 1000;

export function App() {
  const [view, setView] = useState<ViewState>(() => readViewState(location.search));
  const [franchises, setFranchises] = useState<Franchise[]>();
  const [state, setState] = useState<FranchiseState>();
  const [shown, setShown] = useState<{ entries: TimelineEntry[]; complete: boolean }>();
  const [everything, setEverything] = useState<TimelineEntry[]>();
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState<ClaimsAsked>();
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [news, setNews] = useState('');
  /** Counts the claims recorded since the page opened: each asks the views again. */
  const [recorded, setRecorded] = useState(0);

  const franchise = franchises?.find((f) => f.id === view.franchise) ?? (view.franchise ? undefined : franchises?.[0]);
  const franchiseId = franchise?.id;
  const change = useCallback((next: Partial<ViewState>) => setView((v) => ({ ...v, ...next })), []);
  const fail = (signal: AbortSignal) => (e: Error) => signal.aborted || setError(e.message);

  useEffect(() => {
    getFranchises()
      .then(setFranchises)
      .catch((e: Error) => setError(`The service could not be read: ${e.message}`));
  }, []);

  // The address keeps the view, so a link reproduces it; a pause between changes makes a step that Back returns to.
  const lastStep = useRef(0);
  useEffect(() => {
    const search = writeViewState({ ...view, franchise: franchiseId ?? view.franchise });
    if (search === location.search) return;
    const now = Date.now();
    const url = `${location.pathname}${search}`;
    if (now - lastStep.current > HISTORY_STEP_MS) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    lastStep.current = now;
  }, [view, franchiseId]);
  useEffect(() => {
    const restore = () => setView(readViewState(location.search));
    addEventListener('popstate', restore);
    return () => removeEventListener('popstate', restore);
  }, []);

  // Another franchise: nothing of the last one stays on screen.
  useEffect(() => {
    setState(undefined);
    setShown(undefined);
    setEverything(undefined);
    setFresh(new Set());
    setAsked(undefined);
  }, [franchiseId]);

  // Each read asked again when what it depends on settles; the previous ask is abandoned.
  const stateQuery = apiParams(view, true).toString();
  const timelineQuery = apiParams(view, false).toString();
  useEffect(() => {
    if (!franchiseId) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      getJson<FranchiseState>(`/franchises/${encodeURIComponent(franchiseId)}/state?${stateQuery}`, abort.signal)
        .then((answer) => (setState(answer), setError(undefined)))
        .catch(fail(abort.signal));
    }, SETTLE_MS);
    return () => (clearTimeout(timer), abort.abort());
  }, [franchiseId, stateQuery, recorded]);
  useEffect(() => {
    if (!franchiseId) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      getTimeline(franchiseId, new URLSearchParams(timelineQuery), abort.signal)
        .then(setShown)
        .catch(fail(abort.signal));
    }, SETTLE_MS);
    return () => (clearTimeout(timer), abort.abort());
  }, [franchiseId, timelineQuery, recorded]);
  // Everything recorded, whatever the dates (the sliders' range and the chart's window): the same
  // read as the one above when no date is asked.
  const filtered = timelineQuery !== '';
  useEffect(() => {
    if (!franchiseId || !filtered) return;
    const abort = new AbortController();
    getTimeline(franchiseId, new URLSearchParams(), abort.signal)
      .then(({ entries }) => setEverything(entries))
      .catch(fail(abort.signal));
    return () => abort.abort();
  }, [franchiseId, filtered, recorded]);
  const allEntries = filtered ? everything : shown?.entries;

  // A new entry: marked as new, announced, and the views asked again (once for a burst).
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const live = useTimelineStream(franchiseId, (entry) => {
    setFresh((ids) => new Set(ids).add(entry.eventId));
    setNews(`New: ${entry.summary} (${KIND_LABELS[entry.type] ?? entry.type}, ${entry.sourceId})`);
    clearTimeout(pending.current);
    pending.current = setTimeout(() => setRecorded((n) => n + 1), SETTLE_MS);
  });

  const disputed = useMemo(
    () => new Set((state?.facts ?? []).filter((f) => f.disputed).map((f) => factId(f))),
    [state],
  );
  const marks = useMemo(() => marksOf(shown?.entries ?? [], disputed), [shown, disputed]);
  const allMarks = useMemo(() => marksOf(allEntries ?? []), [allEntries]);
  const dataExtent = useMemo(() => extentOf(allMarks), [allMarks]);
  const sliders = useMemo(() => sliderRange(dataExtent), [dataExtent]);
  const lanes = useMemo(
    () => lanesOf(franchise?.title ?? '', state?.films ?? [], shown?.entries ?? []),
    [franchise?.title, state, shown],
  );
  const titles = useMemo(() => new Map(lanes.map((lane) => [lane.id, lane.title])), [lanes]);
  // What the form offers to cite: the sources this franchise's claims cite (the catalogue may hold tens of thousands).
  const cited = useMemo(() => [...new Set((allEntries ?? []).map((e) => e.sourceId))].sort(), [allEntries]);
  const openMark = useCallback((mark: Mark) => {
    if (mark.entry.fact) setAsked({ fact: mark.entry.fact, title: mark.entry.summary });
  }, []);
  const openFact = useCallback((fact: FactKey, title: string) => setAsked({ fact, title }), []);

  return (
    <>
      <a class="skip" href="#state-heading">
        Skip to the state
      </a>
      <header>
        <div class="title">
          <h1>Franchise timeline</h1>
          <p>What happened, what was reported when, and which source said what.</p>
        </div>
        <FranchisePicker
          franchises={franchises ?? []}
          current={franchise}
          onPick={(f) => change({ franchise: f.id })}
        />
      </header>
      <main>
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        {franchises && !franchise && (
          <p class="alert" role="alert">
            {view.franchise ? `No franchise has the id “${view.franchise}”.` : 'No franchise is recorded yet.'} Pick one
            above.
          </p>
        )}
        {franchise && (
          <>
            <div class="franchise-head">
              <h2 class="franchise-title">{franchise.title}</h2>
              <p class={`live ${live}`} aria-live="polite">
                {live === 'live'
                  ? 'Live: new claims appear as they are recorded'
                  : live === 'connecting'
                    ? 'Connecting…'
                    : 'Reconnecting…'}
              </p>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">
              {news}
            </p>
            <TimeControls view={view} extent={sliders} onChange={change} />
            <TimelineChart
              franchiseId={franchise.id}
              lanes={lanes}
              marks={marks}
              extent={dataExtent}
              asOf={view.asOf}
              fresh={fresh}
              onOpen={openMark}
              onAsOf={(asOf) => change({ asOf })}
            />
            {shown && !shown.complete && <p class="caption">Only the first {shown.entries.length} claims are drawn.</p>}
            <EntryList marks={marks} fresh={fresh} onOpen={openMark} />
            <div class="panels">
              <StatePanel state={state} caption={captionOf(view)} onOpen={openFact} />
              <AppendForm franchiseId={franchise.id} films={state?.films ?? []} sourceIds={cited} />
            </div>
            <ClaimsDrawer
              franchiseId={franchise.id}
              asked={asked}
              params={apiParams(view, true)}
              version={recorded}
              titles={titles}
              viewCounts={state?.viewCounts ?? []}
              onClose={() => setAsked(undefined)}
            />
          </>
        )}
      </main>
      <footer>
        <a href="/docs">API documentation</a> · <a href="/health">Service health</a>
      </footer>
    </>
  );
}

/** The timeline as a list: what the chart shows, for the keyboard, screen readers and small screens. */
function EntryList(props: { marks: Mark[]; fresh: Set<string>; onOpen: (mark: Mark) => void }) {
  const count = props.marks.length;
  return (
    <details class="entry-list">
      <summary>
        The {count} {count === 1 ? 'claim' : 'claims'} on the timeline, as a list
      </summary>
      <ol>
        {props.marks.map((mark) => (
          <li key={mark.id} data-event-id={mark.id} class={props.fresh.has(mark.id) ? 'fresh' : undefined}>
            {props.fresh.has(mark.id) && <span class="badge">new</span>} {mark.description}{' '}
            {mark.entry.fact && (
              <button type="button" class="link" onClick={() => props.onOpen(mark)}>
                Claims behind it
              </button>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

function captionOf(view: ViewState): string {
  const happened = view.asOf ? `what had happened by ${formatDay(view.asOf)}` : 'everything that happened';
  const known = view.knownAt ? `as published by ${formatDay(view.knownAt)}` : 'as published to date';
  return `${happened}, ${known}; uncertain dates counted once ${view.mode}.`;
}

/** The sliders run from the first of January of the first year on the timeline to today. */
function sliderRange(extent: DayRange | undefined): DayRange {
  const today = dayString(Math.floor(Date.now() / 86_400_000));
  const earliest = extent ? `${extent.earliest.slice(0, 4)}-01-01` : `${today.slice(0, 4)}-01-01`;
  return { earliest, latest: extent && extent.latest > today ? extent.latest : today };
}
