/** The capture app's languages (no zod here: the browser bundle imports this file). */
export const CAPTURE_LANGUAGES = ['en', 'fr', 'nl', 'de', 'es', 'sr', 'zh-TW', 'zh-CN',
  'ar', 'he', 'fa', 'ur', 'it', 'pt', 'pl', 'ru', 'uk', 'tr', 'ja', 'ko', 'hi', 'id', 'vi', 'th', 'sv', 'da', 'nb', 'fi', 'cs', 'el', 'ro', 'hu'] as const;
export type CaptureLanguage = (typeof CAPTURE_LANGUAGES)[number];
/** Written right to left: the app mirrors its layout (dir="rtl"). */
export const RTL_LANGUAGES: readonly CaptureLanguage[] = ['ar', 'he', 'fa', 'ur'];
