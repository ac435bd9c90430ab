import { IsOptional, IsString } from 'class-validator';
import { InputValidationError } from './field-error';
import { MAX_INPUT_DEPTH, validateInput } from './validate-input';

class NoteDto {
  @IsString()
  text!: string;

  @IsOptional()
  tags?: unknown;
}

/** `{ tags: { a: { a: ... } } }`, `levels` objects deep in all. */
const nested = (levels: number) => {
  let value: Record<string, unknown> = {};
  for (let i = 2; i < levels; i++) value = { a: value };
  return { text: 'hello', tags: value };
};

describe('validateInput', () => {
  it('refuses an input nested deeper than the limit as a 400 on the body, however deep', () => {
    for (const levels of [MAX_INPUT_DEPTH + 1, 1_300, 100_000]) {
      expect(() => validateInput(NoteDto, nested(levels))).toThrow(
        expect.objectContaining({
          constructor: InputValidationError,
          errors: [{ field: '(body)', message: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` }],
        }),
      );
    }
  });

  it('accepts an input up to the limit', () => {
    expect(validateInput(NoteDto, nested(MAX_INPUT_DEPTH)).text).toBe('hello');
  });

  it('names each unknown field', () => {
    expect(() => validateInput(NoteDto, { text: 'a', colour: 'red' })).toThrow(
      expect.objectContaining({ errors: [{ field: 'colour', message: 'property colour should not exist' }] }),
    );
  });
});
