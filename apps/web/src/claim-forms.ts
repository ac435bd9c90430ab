/**
 * The append form's kinds and fields, read from the API's OpenAPI document: each claim endpoint
 * (tag `claims`) with its body's fields. The claim-kind table on the server is the one source; a
 * new kind appears here with no change to the page.
 */
export interface ClaimForm {
  /** The path after `/franchises/{id}/`, e.g. `releases`. */
  route: string;
  summary: string;
  fields: FormField[];
}

export interface FormField {
  name: string;
  type: 'string' | 'number' | 'integer';
  required: boolean;
  description?: string;
  example?: string | number;
}

/** Chosen by the service (derived from the claim) unless a client retries: not a field for people. */
const HIDDEN = new Set(['eventId']);
const PREFIX = '/franchises/{franchiseId}/';

interface Schema {
  type?: string;
  properties?: Record<string, Schema & { description?: string; example?: string | number }>;
  required?: string[];
  $ref?: string;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { tags?: string[]; summary?: string; requestBody?: { content?: Record<string, { schema?: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

export function claimForms(document: OpenApiDocument): ClaimForm[] {
  const forms: ClaimForm[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    const post = operations.post;
    if (!post?.tags?.includes('claims') || !path.startsWith(PREFIX)) continue;
    const schema = resolve(document, post.requestBody?.content?.['application/json']?.schema);
    if (!schema?.properties) continue;
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties)
      .filter(([name]) => !HIDDEN.has(name))
      .map(([name, property]): FormField => ({
        name,
        type: property.type === 'number' || property.type === 'integer' ? property.type : 'string',
        required: required.has(name),
        ...(property.description ? { description: property.description } : {}),
        ...(property.example !== undefined ? { example: property.example } : {}),
      }))
      // Required first, in the document's order: what must be filled comes before what may be.
      .sort((a, b) => Number(b.required) - Number(a.required));
    forms.push({ route: path.slice(PREFIX.length), summary: post.summary ?? path, fields });
  }
  return forms;
}

/**
 * The body to send: fields left empty are left out (the API then applies its defaults), numbers
 * sent as numbers when they read as one (`37,000,000` and `37 000 000` too), otherwise as typed,
 * for the API to name the field.
 */
export function bodyOf(form: ClaimForm, values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of form.fields) {
    const text = (values[field.name] ?? '').trim();
    if (text === '') continue;
    const digits = text.replace(/[\s,_]/g, '');
    body[field.name] = field.type !== 'string' && /^-?\d+(\.\d+)?$/.test(digits) ? Number(digits) : text;
  }
  return body;
}

/** A field's name in words: `releasedOn` → `released on`. */
export function fieldWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref?.match(/^#\/components\/schemas\/(.+)$/);
  return ref ? document.components?.schemas?.[ref[1]] : schema;
}
