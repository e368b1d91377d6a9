/** The validation helper other tests rely on must really reject broken cards, each for its reason. */
import { CARD_SIZE_LIMITS } from '../../src/cards';
import { assertValidCard, cardValidationErrors } from '../support/card-validation';

const limit = { limitBytes: CARD_SIZE_LIMITS.message };

function validCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
    actions: [{ type: 'Action.Execute', verb: 'request.refresh', data: { requestId: 'r1' }, title: 'Refresh' }],
  };
}

function withBody(...body: unknown[]): Record<string, unknown> {
  return { ...validCard(), body };
}

function errorsOf(card: unknown, options = limit): string {
  return cardValidationErrors(card, options).join('\n');
}

describe('assertValidCard', () => {
  it('accepts a minimal valid card', () => {
    expect(cardValidationErrors(validCard(), limit)).toEqual([]);
    expect(() => assertValidCard(validCard(), limit)).not.toThrow();
  });

  it('throws with the reasons when the card is broken', () => {
    expect(() => assertValidCard(withBody({ type: 'TextBlock' }), limit)).toThrow(
      /Invalid Adaptive Card:[\s\S]*schema:/,
    );
  });

  it('rejects what the 1.5 schema forbids: a TextBlock without text, an unknown property', () => {
    expect(errorsOf(withBody({ type: 'Container', items: [{ type: 'TextBlock' }] }))).toBe(
      `schema: /body/0/items/0 (TextBlock) must have required property 'text' {"missingProperty":"text"}`,
    );
    expect(errorsOf(withBody({ type: 'Bogus', text: 'x' }))).toMatch(
      /schema: \/body\/0 has a type the 1.5 schema does not know: "Bogus"/,
    );
    expect(errorsOf({ ...validCard(), msteams: { width: 'Full' } })).toMatch(/schema: .*additionalProperty/);
  });

  it('rejects what the adaptivecards library reports: unknown element types, duplicate input ids, unlabeled required inputs', () => {
    expect(errorsOf(withBody({ type: 'Bogus', text: 'x' }))).toMatch(
      /adaptivecards parse: Unknown element type "Bogus"/,
    );
    const input = { type: 'Input.Text', id: 'same', label: 'A' };
    expect(errorsOf(withBody(input, input))).toMatch(/adaptivecards validate: Duplicate Id "same"/);
    expect(errorsOf(withBody({ type: 'Input.Text', id: 'x', isRequired: true }))).toMatch(/should have a label/);
  });

  it('rejects cards over the size limit', () => {
    const big = withBody({ type: 'TextBlock', text: 'x'.repeat(30 * 1024) });
    expect(errorsOf(big)).toBe('');
    expect(errorsOf(big, { limitBytes: CARD_SIZE_LIMITS.messageExtension })).toMatch(
      /size: \d+ bytes is over the limit of 28672/,
    );
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    const emoji = withBody({ type: 'TextBlock', text: '🚓'.repeat(8 * 1024) }); // 16 K UTF-16 units, 32 KB UTF-8
    expect(errorsOf(emoji, { limitBytes: CARD_SIZE_LIMITS.messageExtension })).toMatch(/size:/);
  });

  it('rejects values that JSON would silently change', () => {
    expect(errorsOf(withBody({ type: 'TextBlock', text: 'when', id: new Date(0) }))).toMatch(
      /json: \/body\/0\/id is not plain JSON/,
    );
    expect(errorsOf(withBody({ type: 'TextBlock', text: 'x', maxLines: NaN }))).toMatch(/json: .*NaN/);
  });

  it('rejects bot-bound buttons that are not Action.Execute with a known verb and object data', () => {
    expect(errorsOf({ ...validCard(), actions: [{ type: 'Action.Submit', title: 'Go', data: {} }] })).toMatch(
      /bot: .*Action.Submit/,
    );
    expect(
      errorsOf({
        ...validCard(),
        actions: [{ type: 'Action.Execute', title: 'Go', verb: 'delete.everything', data: {} }],
      }),
    ).toMatch(/unknown verb/);
    expect(
      errorsOf({
        ...validCard(),
        actions: [{ type: 'Action.Execute', title: 'Go', verb: 'request.approve', data: 'r1' }],
      }),
    ).toMatch(/data must be an object/);
  });

  it('rejects a refresh without users or with more than Teams’ 60', () => {
    const refresh = (userIds: string[]) => ({
      ...validCard(),
      refresh: { action: { type: 'Action.Execute', verb: 'request.refresh', data: { requestId: 'r1' } }, userIds },
    });
    expect(errorsOf(refresh(['29:a']))).toBe('');
    expect(errorsOf(refresh([]))).toMatch(/refresh.userIds must list 1 to 60/);
    expect(errorsOf(refresh(Array.from({ length: 61 }, (_, i) => `29:${i}`)))).toMatch(
      /refresh.userIds must list 1 to 60/,
    );
  });

  it('rejects a version other than 1.5, images that are not https or base64 images, and commas in multi-select values', () => {
    expect(errorsOf({ ...validCard(), version: '1.6' })).toMatch(/bot: version must be 1.5/);
    expect(errorsOf(withBody({ type: 'Image', url: 'http://example.com/a.png', altText: 'a' }))).toMatch(/Image url/);
    expect(errorsOf(withBody({ type: 'Image', url: 'data:text/html;base64,PGI+', altText: 'a' }))).toMatch(/Image url/);
    const choices = {
      type: 'Input.ChoiceSet',
      id: 'pick',
      label: 'Pick',
      isMultiSelect: true,
      choices: [{ title: 'A', value: '1,2' }],
    };
    expect(errorsOf(withBody(choices))).toMatch(/must not contain commas/);
  });
});
