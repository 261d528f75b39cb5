export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // The personalization caller headers must pass CORS preflight from browser front ends.
      headers: [
        'Content-Type',
        'Authorization',
        'Origin',
        'Accept',
        'X-Visitor-Id',
        'X-Visitor-Traits',
      ],
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
