export default {
  type: 'admin' as const,
  routes: [
    {
      method: 'GET',
      path: '/health',
      handler: 'health.show',
      config: {
        policies: ['admin::isAuthenticatedAdmin'],
      },
    },
  ],
};
