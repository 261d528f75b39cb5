import { createApiToken, postJson } from './api-token';
import type { Instance } from './instance';

/**
 * Gives a bench instance what a real site has: an API token, a template, an active rule behind a
 * flag that is on, and a "premium" variant for every other article. Returns the API token.
 */
export const setUpPersonalization = async (instance: Instance): Promise<string> => {
  const token = await createApiToken(instance);
  const api = `${instance.baseUrl}/api/personalization`;
  await postJson(
    `${api}/templates`,
    {
      name: 'by-plan',
      body: "{% if visitor.traits.plan == 'pro' %}{% variant 'premium' %}{% elsif entry | has_tag: 'Berlin' %}{% variant 'premium' %}{% endif %}",
      // An active rule needs at least one passing test case.
      testCases: [
        {
          name: 'pro reader',
          caller: { traits: { plan: 'pro' } },
          variants: ['premium'],
          expected: 'premium',
        },
      ],
    },
    token
  );
  await postJson(
    `${api}/rules`,
    {
      name: 'plan-premium',
      contentType: 'api::article.article',
      template: 'by-plan',
      status: 'active',
    },
    token
  );
  const flag = await fetch(`${api}/flags/personalization.plan-premium`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ enabled: true }),
  });
  if (!flag.ok) throw new Error(`enabling the flag: ${flag.status}`);

  const list = (await (
    await fetch(`${instance.baseUrl}/api/articles?pagination[pageSize]=100`)
  ).json()) as {
    data: Array<{ documentId: string; title: string; category: string }>;
  };
  for (const [index, article] of list.data.entries()) {
    if (index % 2 === 1) continue;
    await postJson(
      `${instance.baseUrl}/api/articles`,
      {
        data: {
          title: `${article.title} (premium)`,
          slug: `premium-${article.documentId}`,
          category: article.category,
          variantKey: 'premium',
          variantOf: article.documentId,
        },
      },
      token
    );
  }
  return token;
};
