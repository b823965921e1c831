import type { CaptureLanguage } from '../../contract/capture-api.ts';

/** Strings of the server-rendered pages (reference entry, unknown/expired/finished sessions). */
type PageStrings = {
  startTitle: string; startLabel: string; startContinue: string; startInvalid: string;
  unknownTitle: string; unknownHelp: string; expiredTitle: string; expiredHelp: string; finishedTitle: string; finishedHelp: string;
};

/** The reference's eight languages; the others fall back to English on these few server pages. */
/** The strings for a language, English for those these pages are not translated into. */
export const pageStrings = (lang: CaptureLanguage): PageStrings => (PAGE_STRINGS as Partial<Record<CaptureLanguage, PageStrings>>)[lang] ?? PAGE_STRINGS.en;

export const PAGE_STRINGS: Record<'en' | 'fr' | 'nl' | 'de' | 'es' | 'sr' | 'zh-TW' | 'zh-CN', PageStrings> = {
  en: {
    startTitle: 'Identity verification', startLabel: 'Enter your reference code', startContinue: 'Continue', startInvalid: 'That is not a valid reference code.',
    unknownTitle: 'Unknown session', unknownHelp: 'This link is not valid. Check the reference code or ask for a new link.',
    expiredTitle: 'This session has expired', expiredHelp: 'Ask {company} for a new link.',
    finishedTitle: 'This session is finished', finishedHelp: '{company} has received the result. You can close this page.',
  },
  fr: {
    startTitle: "Vérification d'identité", startLabel: 'Saisissez votre code de référence', startContinue: 'Continuer', startInvalid: "Ce code de référence n'est pas valide.",
    unknownTitle: 'Session inconnue', unknownHelp: "Ce lien n'est pas valide. Vérifiez le code de référence ou demandez un nouveau lien.",
    expiredTitle: 'Cette session a expiré', expiredHelp: 'Demandez un nouveau lien à {company}.',
    finishedTitle: 'Cette session est terminée', finishedHelp: '{company} a reçu le résultat. Vous pouvez fermer cette page.',
  },
  nl: {
    startTitle: 'Identiteitsverificatie', startLabel: 'Voer uw referentiecode in', startContinue: 'Doorgaan', startInvalid: 'Dat is geen geldige referentiecode.',
    unknownTitle: 'Onbekende sessie', unknownHelp: 'Deze link is niet geldig. Controleer de referentiecode of vraag een nieuwe link aan.',
    expiredTitle: 'Deze sessie is verlopen', expiredHelp: 'Vraag {company} om een nieuwe link.',
    finishedTitle: 'Deze sessie is afgerond', finishedHelp: '{company} heeft het resultaat ontvangen. U kunt deze pagina sluiten.',
  },
  de: {
    startTitle: 'Identitätsprüfung', startLabel: 'Geben Sie Ihren Referenzcode ein', startContinue: 'Weiter', startInvalid: 'Das ist kein gültiger Referenzcode.',
    unknownTitle: 'Unbekannte Sitzung', unknownHelp: 'Dieser Link ist ungültig. Prüfen Sie den Referenzcode oder fordern Sie einen neuen Link an.',
    expiredTitle: 'Diese Sitzung ist abgelaufen', expiredHelp: 'Bitten Sie {company} um einen neuen Link.',
    finishedTitle: 'Diese Sitzung ist abgeschlossen', finishedHelp: '{company} hat das Ergebnis erhalten. Sie können diese Seite schließen.',
  },
  es: {
    startTitle: 'Verificación de identidad', startLabel: 'Introduzca su código de referencia', startContinue: 'Continuar', startInvalid: 'Ese código de referencia no es válido.',
    unknownTitle: 'Sesión desconocida', unknownHelp: 'Este enlace no es válido. Compruebe el código de referencia o pida un enlace nuevo.',
    expiredTitle: 'Esta sesión ha caducado', expiredHelp: 'Pida un enlace nuevo a {company}.',
    finishedTitle: 'Esta sesión ha finalizado', finishedHelp: '{company} ha recibido el resultado. Puede cerrar esta página.',
  },
  sr: {
    startTitle: 'Provera identiteta', startLabel: 'Unesite svoj referentni kod', startContinue: 'Nastavi', startInvalid: 'To nije ispravan referentni kod.',
    unknownTitle: 'Nepoznata sesija', unknownHelp: 'Ovaj link nije ispravan. Proverite referentni kod ili zatražite novi link.',
    expiredTitle: 'Ova sesija je istekla', expiredHelp: 'Zatražite novi link od {company}.',
    finishedTitle: 'Ova sesija je završena', finishedHelp: '{company} je primio rezultat. Možete zatvoriti ovu stranicu.',
  },
  'zh-TW': {
    startTitle: '身分驗證', startLabel: '請輸入您的參考代碼', startContinue: '繼續', startInvalid: '此參考代碼無效。',
    unknownTitle: '未知的工作階段', unknownHelp: '此連結無效。請檢查參考代碼或索取新連結。',
    expiredTitle: '此工作階段已過期', expiredHelp: '請向 {company} 索取新連結。',
    finishedTitle: '此工作階段已完成', finishedHelp: '{company} 已收到結果。您可以關閉此頁面。',
  },
  'zh-CN': {
    startTitle: '身份验证', startLabel: '请输入您的参考代码', startContinue: '继续', startInvalid: '此参考代码无效。',
    unknownTitle: '未知会话', unknownHelp: '此链接无效。请检查参考代码或索取新链接。',
    expiredTitle: '此会话已过期', expiredHelp: '请向 {company} 索取新链接。',
    finishedTitle: '此会话已完成', finishedHelp: '{company} 已收到结果。您可以关闭此页面。',
  },
};
