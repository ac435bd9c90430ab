import { bodyOf, claimForms, fieldWords } from './claim-forms';

const document = {
  paths: {
    '/franchises/{franchiseId}/viewership-milestones': {
      post: {
        tags: ['claims'],
        summary: 'A source reports the views a film reached',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Milestone' } } } },
      },
    },
    '/sources': { post: { tags: ['sources'], summary: 'Register a source' } },
  },
  components: {
    schemas: {
      Milestone: {
        type: 'object',
        properties: {
          sourceId: { type: 'string', description: 'The source' },
          eventId: { type: 'string' },
          window: { type: 'string', example: 'P28D' },
          views: { type: 'number', example: 37000000 },
        },
        required: ['sourceId', 'views'],
      },
    },
  },
};

describe('the append form, from the OpenAPI document', () => {
  it('offers each claim endpoint with its fields, required first, and no event id to fill', () => {
    const forms = claimForms(document);

    expect(forms).toEqual([
      {
        route: 'viewership-milestones',
        summary: 'A source reports the views a film reached',
        fields: [
          { name: 'sourceId', type: 'string', required: true, description: 'The source' },
          { name: 'views', type: 'number', required: true, example: 37000000 },
          { name: 'window', type: 'string', required: false, example: 'P28D' },
        ],
      },
    ]);
  });

  it('sends numbers as numbers, leaves empty fields out, and passes what is not a number on for the API to refuse', () => {
    const [form] = claimForms(document);

    expect(bodyOf(form, { sourceId: ' article-000 ', views: '20000000', window: '' })).toEqual({
      sourceId: 'article-000',
      views: 20000000,
    });
    expect(bodyOf(form, { sourceId: 'a', views: 'lots' })).toEqual({ sourceId: 'a', views: 'lots' });
  });

  it('reads a number written with separators as that number', () => {
    const [form] = claimForms(document);

    expect(bodyOf(form, { sourceId: 'a', views: '37,000,000' }).views).toBe(37_000_000);
    expect(bodyOf(form, { sourceId: 'a', views: '37 000 000' }).views).toBe(37_000_000);
  });

  it('puts a field name in words', () => {
    expect(fieldWords('releasedOn')).toBe('released on');
    expect(fieldWords('sourceId')).toBe('source id');
    expect(fieldWords('views')).toBe('views');
  });
});
