import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, Film, getJson, postJson } from './api';
import { ClaimForm, bodyOf, claimForms, fieldWords } from './claim-forms';

/**
 * Records a claim through the API with the user's key. The kinds and their fields come from the
 * OpenAPI document; the API's own validation decides, and each error it names is shown beside
 * its field. The key stays in this page's memory only.
 */
export function AppendForm(props: { franchiseId: string; films: Film[]; sourceIds: string[] }) {
  const [forms, setForms] = useState<ClaimForm[]>();
  const [route, setRoute] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getJson<Parameters<typeof claimForms>[0]>('/docs-json')
      .then((document) => {
        const found = claimForms(document);
        setForms(found);
        setRoute((current) => current || found[0]?.route || '');
      })
      .catch((e: Error) => setOutcome({ ok: false, text: `The claim kinds could not be read: ${e.message}` }));
  }, []);

  const form = forms?.find((f) => f.route === route);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    setBusy(true);
    setErrors({});
    setOutcome(undefined);
    try {
      const recorded = await postJson<{ eventId: string; revision: number }>(
        `/franchises/${encodeURIComponent(props.franchiseId)}/${form.route}`,
        bodyOf(form, values),
        apiKey.trim(),
      );
      setOutcome({ ok: true, text: `Recorded as event ${recorded.eventId} (revision ${recorded.revision}).` });
      // The source and the film are often those of the next claim too; the rest is this claim's.
      setValues(({ sourceId, filmId }) => ({ sourceId: sourceId ?? '', filmId: filmId ?? '' }));
    } catch (e) {
      const problem = e instanceof ApiProblem ? e : new ApiProblem(0, (e as Error).message, []);
      const byField: Record<string, string> = {};
      for (const { field, message } of problem.errors)
        byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
      if (problem.status === 401 || problem.status === 403) byField.apiKey = problem.detail;
      setErrors(byField);
      const known = new Set(['apiKey', ...form.fields.map((f) => f.name)]);
      const elsewhere = problem.errors
        .filter((err) => !known.has(err.field))
        .map((err) => `${err.field}: ${err.message}`);
      setOutcome({ ok: false, text: [`Not recorded: ${problem.detail}`, ...elsewhere].join(' ') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="append" aria-labelledby="append-heading">
      <h2 id="append-heading">Add a claim</h2>
      <p class="caption">
        Needs an API key with the <code>write</code> scope (
        <code>npm run cli -- keys create &lt;name&gt; --scopes write</code>). Nothing is recorded unless the service
        accepts the whole claim.
      </p>
      <form onSubmit={submit} noValidate>
        <Field id="apiKey" label="API key" error={errors.apiKey}>
          <input
            id="field-apiKey"
            type="password"
            autocomplete="off"
            required
            value={apiKey}
            onInput={(e) => setApiKey(e.currentTarget.value)}
            {...described('apiKey', errors.apiKey)}
          />
        </Field>
        <div class="field">
          <label for="claim-kind">Kind of claim</label>
          <select id="claim-kind" value={route} onChange={(e) => (setRoute(e.currentTarget.value), setErrors({}))}>
            {forms?.map((f) => (
              <option key={f.route} value={f.route}>
                {f.summary}
              </option>
            ))}
          </select>
        </div>
        {form?.fields.map((field) => (
          <Field
            key={`${form.route}:${field.name}`}
            id={field.name}
            label={fieldWords(field.name)}
            name={field.name}
            required={field.required}
            hint={hintOf(field)}
            error={errors[field.name]}
          >
            <input
              id={`field-${field.name}`}
              type="text"
              inputMode={field.type === 'string' ? undefined : 'numeric'}
              list={field.name === 'sourceId' ? 'known-sources' : field.name === 'filmId' ? 'known-films' : undefined}
              required={field.required}
              value={values[field.name] ?? ''}
              onInput={(e) => setValues({ ...values, [field.name]: e.currentTarget.value })}
              {...described(field.name, errors[field.name], true)}
            />
          </Field>
        ))}
        <datalist id="known-sources">
          {props.sourceIds.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        <datalist id="known-films">
          {props.films.map((f) => (
            <option key={f.filmId} value={f.filmId}>
              {f.title}
            </option>
          ))}
        </datalist>
        <button type="submit" disabled={busy || !form}>
          {busy ? 'Recording…' : 'Record the claim'}
        </button>
        <p class={`outcome ${outcome?.ok ? 'ok' : 'refused'}`} role="status">
          {outcome?.text}
        </p>
      </form>
    </section>
  );
}

function Field(props: {
  id: string;
  label: string;
  /** The API's name of the field, shown beside the label: the name its errors use. */
  name?: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: preact.ComponentChildren;
}) {
  return (
    <div class={`field${props.error ? ' invalid' : ''}`}>
      <label for={`field-${props.id}`}>
        {props.label}
        {props.name && <code class="field-name"> {props.name}</code>}
        {props.required && <span class="required"> (required)</span>}
      </label>
      {props.children}
      {props.hint && (
        <p class="hint" id={`hint-${props.id}`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`error-${props.id}`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function described(id: string, error: string | undefined, hint = false) {
  const ids = [hint ? `hint-${id}` : '', error ? `error-${id}` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
}

function hintOf(field: ClaimForm['fields'][number]): string | undefined {
  const example = field.example === undefined ? undefined : `e.g. ${field.example}`;
  return [field.description, example].filter(Boolean).join('; ') || undefined;
}
