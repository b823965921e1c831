import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { act, api, busy, errorText } from './state.ts';
import { SignPad, type SignPadHandle } from './sign-pad.tsx';
import { Progress, Screen } from './layout.tsx';

/** Review the contract idgate rendered from the business's template, draw the signature, agree, sign. */
export function ContractStep() {
  const [contract, setContract] = useState<{ html: string; needsName: boolean }>();
  const [loadError, setLoadError] = useState('');
  const [problem, setProblem] = useState('');
  const [typed, setTyped] = useState('');
  const [agreed, setAgreed] = useState(false);
  const pad = useRef<SignPadHandle>();
  useEffect(() => {
    void api.contract().then(setContract, (e) => setLoadError(errorText(e)));
  }, []);
  const sign = () => {
    const name = typed.trim();
    const needsName = !!contract?.needsName;
    const empty = pad.current?.isEmpty() ?? true;
    const p = !agreed ? t('err_agree') : empty ? t('err_signature') : needsName && name.length < 2 ? t('err_name') : '';
    setProblem(p);
    if (p || !pad.current) return;
    void act(() => api.sign({ agree: true, signaturePng: pad.current!.toDataUrl(), ...(name.length >= 2 ? { typedName: name } : {}) }));
  };
  return (
    <Screen title={t('contract_title')}>
      <Progress step="contract" />
      <div class="idg-contract" data-testid="contract-preview" data-ready={contract ? 'true' : undefined}>
        {/* idgate's own engine rendered this HTML; a sandboxed frame without scripts shows it apart from the app. */}
        {contract ? <iframe sandbox="" title={t('contract_title')} class="idg-contract-frame" data-testid="contract-frame" srcDoc={contract.html} /> : null}
        {loadError ? (
          <p class="idg-error" role="alert">
            {loadError}
          </p>
        ) : null}
      </div>
      <SignPad handle={pad} />
      <div class="idg-name" hidden={!contract?.needsName}>
        <label for="typed">{t('type_name')}</label>
        <input id="typed" autocomplete="name" data-testid="typed-name" required={!!contract?.needsName} value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="idg-check">
        <input type="checkbox" id="agree" data-testid="contract-agree" checked={agreed} onChange={(e) => setAgreed((e.currentTarget as HTMLInputElement).checked)} />
        <label for="agree">{t('contract_agree')}</label>
      </div>
      <p class="idg-error" role="alert" hidden={!problem} data-testid="sign-problem">
        {problem}
      </p>
      <button class="idg-button" data-testid="sign" disabled={busy.value} onClick={sign}>
        {t('sign')}
      </button>
    </Screen>
  );
}
