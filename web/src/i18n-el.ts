import { en } from './i18n-en.ts';
export default en;
