import type { Instance } from './instance';

/** POSTs JSON and returns the `data` of Strapi's answer; any non-2xx stops the benchmark. */
export const postJson = async <Data>(url: string, body: unknown, token?: string): Promise<Data> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: Data }).data;
};

/** Creates the first administrator of a fresh instance and a full-access API token. */
export const createApiToken = async (instance: Instance): Promise<string> => {
  const { token: jwt } = await postJson<{ token: string }>(
    `${instance.baseUrl}/admin/register-admin`,
    {
      firstname: 'Bench',
      lastname: 'Bench',
      email: 'bench@example.com',
      password: 'Bench-password-1',
    }
  );
  const { accessKey } = await postJson<{ accessKey: string }>(
    `${instance.baseUrl}/admin/api-tokens`,
    { name: 'bench', type: 'full-access', lifespan: null },
    jwt
  );
  return accessKey;
};
