import { isDay } from './days';

/** What the page shows, kept in its address so that a link reproduces the view. */
export interface ViewState {
  franchise?: string;
  /** What had happened by this day; none: everything. */
  asOf?: string;
  /** What had been published by this day; none: everything. */
  knownAt?: string;
  mode: Mode;
  policy: Policy;
}

export const MODES = ['certain', 'possible'] as const;
export const POLICIES = ['majority', 'latest', 'earliest', 'trusted'] as const;
export type Mode = (typeof MODES)[number];
export type Policy = (typeof POLICIES)[number];

const DEFAULTS = { mode: 'certain', policy: 'majority' } as const;

/** The view an address asks for; what is not understood is left at its default. */
export function readViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const franchise = params.get('franchise');
  const asOf = params.get('asOf');
  const knownAt = params.get('knownAt');
  return {
    // Kept as given, even when no franchise has that id: the page says so rather than show another.
    ...(franchise?.trim() ? { franchise: franchise.trim().slice(0, 200) } : {}),
    ...(isDay(asOf) ? { asOf } : {}),
    ...(isDay(knownAt) ? { knownAt } : {}),
    mode: oneOf(MODES, params.get('mode'), DEFAULTS.mode),
    policy: oneOf(POLICIES, params.get('policy'), DEFAULTS.policy),
  };
}

/** The address's query for a view: the franchise, then what the API is asked, so the plainest view has the plainest link. */
export function writeViewState(view: ViewState): string {
  const params = new URLSearchParams(view.franchise ? { franchise: view.franchise } : {});
  apiParams(view, true).forEach((value, name) => params.set(name, value));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The API's parameters for the dates and the mode (and the policy where a read takes one); defaults left out. */
export function apiParams(view: ViewState, withPolicy: boolean): URLSearchParams {
  const params = new URLSearchParams();
  if (view.asOf) params.set('asOf', view.asOf);
  if (view.knownAt) params.set('knownAt', view.knownAt);
  if (view.mode !== DEFAULTS.mode) params.set('mode', view.mode);
  if (withPolicy && view.policy !== DEFAULTS.policy) params.set('policy', view.policy);
  return params;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
