import { FactValue, factKeyId } from '../claims/fact';
import { FactBelief } from './franchise-at-date';

/** A fact whose believed value differs between two points (null: not known at that point). */
export interface BeliefChange {
  filmId: string | null;
  field: FactBelief['field'];
  window?: string;
  from: FactValue | null;
  to: FactValue | null;
}

/** The facts believed differently at `to` than at `from`: known at one point only, or with another value. */
export function beliefChanges(from: FactBelief[], to: FactBelief[]): BeliefChange[] {
  const byKey = (beliefs: FactBelief[]) =>
    new Map(beliefs.map((b) => [factKeyId({ filmId: b.filmId ?? undefined, field: b.field, window: b.window }), b]));
  const before = byKey(from);
  const after = byKey(to);
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((key) => before.get(key)?.value !== after.get(key)?.value)
    .map((key) => {
      const { filmId, field, window } = (after.get(key) ?? before.get(key))!;
      return {
        filmId,
        field,
        ...(window ? { window } : {}),
        from: before.get(key)?.value ?? null,
        to: after.get(key)?.value ?? null,
      };
    });
}
