import { DEFAULT_WEIGHTS, overallScore, scaleRating } from './overall-score';

describe(overallScore.name, () => {
  it('weights every component with data and shows the sum', () => {
    const result = overallScore(
      { rubric: 75, csat: 50, productTeam: 100, shadowing: 62.5, roleplay: 40 },
      DEFAULT_WEIGHTS,
    );
    // (35*75 + 15*50 + 10*100 + 20*62.5 + 20*40) / 100 = (2625 + 750 + 1000 + 1250 + 800) / 100
    expect(result.score).toBe(64.3);
    expect(result.formula).toBe(
      '(35 × rubric 75.0 + 15 × csat 50.0 + 10 × productTeam 100.0 + 20 × shadowing 62.5 + 20 × roleplay 40.0) / 100 = 64.3',
    );
  });

  it('leaves out components without data and says so', () => {
    const result = overallScore(
      { rubric: 100, csat: null, productTeam: null, shadowing: null, roleplay: 50 },
      DEFAULT_WEIGHTS,
    );
    // (35*100 + 20*50) / 55 = 4500 / 55 = 81.818...
    expect(result.score).toBe(81.8);
    expect(result.formula).toContain('left out for lack of data: csat, productTeam, shadowing');
  });

  it('has no score when nothing has data', () => {
    const empty = { rubric: null, csat: null, productTeam: null, shadowing: null, roleplay: null };
    expect(overallScore(empty, DEFAULT_WEIGHTS).score).toBeNull();
  });

  it('ignores a component whose weight is zero', () => {
    const weights = { ...DEFAULT_WEIGHTS, rubric: 0, csat: 0, productTeam: 0, shadowing: 0 };
    const result = overallScore(
      { rubric: 0, csat: 0, productTeam: 0, shadowing: 0, roleplay: 70 },
      weights,
    );
    expect(result.score).toBe(70);
  });
});

describe(scaleRating.name, () => {
  it('maps 1 to 0 and the top of the scale to 100', () => {
    expect([scaleRating(1, 4), scaleRating(2.5, 4), scaleRating(4, 4), scaleRating(4, 5)]).toEqual([
      0, 50, 100, 75,
    ]);
  });
});
