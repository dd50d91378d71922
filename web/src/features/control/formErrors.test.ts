import { describe, expect, it } from 'vitest';
import { placeIssues } from './formErrors.ts';

describe('server issues in the policy editor', () => {
  const fields = [
    ['name'],
    ['rules', 0, 'name'],
    ['rules', 0, 'detectors'],
    ['terms'],
    ['scope', 'direction'],
  ];

  it('puts each issue on the deepest field its path starts with', () => {
    const { placed, unplaced } = placeIssues(
      [
        { path: 'body.rules.0.detectors', message: 'no such detector x' },
        { path: '/terms/3', message: 'too long' },
        { path: 'body.name', message: 'required' },
      ],
      fields,
    );
    expect(placed).toEqual([
      { name: ['rules', 0, 'detectors'], message: 'no such detector x' },
      { name: ['terms'], message: 'too long' },
      { name: ['name'], message: 'required' },
    ]);
    expect(unplaced).toEqual([]);
  });

  it('returns issues about something without a field of its own, such as a whole rule', () => {
    const issue = {
      path: 'body.rules.1',
      message: 'a rule needs at least one detector or a behaviour condition',
    };
    expect(placeIssues([issue], fields).unplaced).toEqual([issue]);
    // The rules list is a field too, but shows no error of its own.
    expect(placeIssues([issue], [...fields, ['rules']], [['rules']]).unplaced).toEqual([issue]);
    expect(
      placeIssues([{ path: 'body', message: 'a department does not exist' }], fields).unplaced,
    ).toHaveLength(1);
  });
});
