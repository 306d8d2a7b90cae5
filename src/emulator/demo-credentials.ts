// The built-in demo credentials. The gateway's config holds the same values for demo mode; keep them identical.
export const DEMO_APP_KEY = '24681357';
export const DEMO_APP_SECRET = 'subgate-demo-app-secret';
export const DEMO_ACCESS_KEY_ID = 'LTAIsubgateDemoKey';
export const DEMO_ACCESS_KEY_SECRET = 'subgate-demo-access-key-secret';
