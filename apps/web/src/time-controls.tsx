import { DayRange, dayNumber, dayString, formatDay } from './days';
import { MODES, Mode, POLICIES, Policy, ViewState } from './view-state';

/** The two time axes (each a slider with a date field beside it), the mode and the policy. */
export function TimeControls(props: {
  view: ViewState;
  extent: DayRange;
  onChange: (change: Partial<ViewState>) => void;
}) {
  const { view, extent, onChange } = props;
  return (
    <section class="controls" aria-label="Dates and rules">
      <DateControl
        id="as-of"
        label="As of"
        hint="what had happened by this day"
        value={view.asOf}
        extent={extent}
        onChange={(asOf) => onChange({ asOf })}
      />
      <DateControl
        id="known-at"
        label="Known at"
        hint="what had been published by this day"
        value={view.knownAt}
        extent={extent}
        onChange={(knownAt) => onChange({ knownAt })}
      />
      <div class="choice">
        <label for="mode">Uncertain dates count</label>
        <select id="mode" value={view.mode} onChange={(e) => onChange({ mode: e.currentTarget.value as Mode })}>
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {mode === 'certain' ? 'once certain (latest day)' : 'once possible (earliest day)'}
            </option>
          ))}
        </select>
      </div>
      <div class="choice">
        <label for="policy">Where sources disagree, believe</label>
        <select id="policy" value={view.policy} onChange={(e) => onChange({ policy: e.currentTarget.value as Policy })}>
          {POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {POLICY_WORDS[policy]}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

const POLICY_WORDS: Record<Policy, string> = {
  majority: 'the most sources',
  latest: 'the latest published',
  earliest: 'the first published',
  trusted: 'the most trusted source',
};

/**
 * A day on one axis, or none (everything). The slider's last step is "now": set there, the axis
 * is not asked at all.
 */
function DateControl(props: {
  id: string;
  label: string;
  hint: string;
  value?: string;
  extent: DayRange;
  onChange: (day: string | undefined) => void;
}) {
  const { id, label, hint, value, extent, onChange } = props;
  const first = dayNumber(extent.earliest);
  const last = dayNumber(extent.latest);
  const position = value ? Math.min(Math.max(dayNumber(value), first), last) : last;
  const words = value ? formatDay(value) : 'now: everything';
  return (
    <fieldset class="date-control">
      <legend>
        {label} <span class="hint">({hint})</span>
      </legend>
      <label class="visually-hidden" for={`${id}-range`}>
        {label}, slider
      </label>
      <input
        id={`${id}-range`}
        type="range"
        min={first}
        max={last}
        step={1}
        value={position}
        aria-valuetext={words}
        onInput={(e) => {
          const day = Number(e.currentTarget.value);
          onChange(day >= last ? undefined : dayString(day));
        }}
      />
      <div class="date-field">
        <label for={`${id}-day`}>
          <span class="visually-hidden">{label}, </span>date
        </label>
        <input
          id={`${id}-day`}
          type="date"
          min={extent.earliest}
          max={extent.latest}
          value={value ?? ''}
          // A day outside the range (a year half typed: 0202) is not asked; the field shows it invalid.
          onChange={(e) => e.currentTarget.validity.valid && onChange(e.currentTarget.value || undefined)}
        />
        <button type="button" onClick={() => onChange(undefined)} disabled={!value}>
          Now
        </button>
      </div>
      <output for={`${id}-range ${id}-day`} class="date-words">
        {words}
      </output>
    </fieldset>
  );
}
