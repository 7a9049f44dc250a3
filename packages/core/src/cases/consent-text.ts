/**
 * Telemedicine consent for asynchronous (store-and-forward) care. Each version is published once and never
 * edited: a consent row names the version the person accepted, and that text must stay readable. To change
 * the wording, add a version and point CURRENT_CONSENT_VERSION at it; earlier acceptances then no longer
 * count for a new submission (the patient is asked again).
 */
export type ConsentLocale = 'en' | 'es';

export interface ConsentSection {
  heading: string;
  body: string;
}

export interface ConsentText {
  title: string;
  sections: ConsentSection[];
  /** The sentence the patient agrees to, next to the button. */
  agreement: string;
}

export interface ConsentVersion {
  /** `YYYY-MM-vN`: the month it took effect and a counter within that month. */
  version: string;
  effectiveFrom: string;
  texts: Record<ConsentLocale, ConsentText>;
}

export const CONSENT_VERSION_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-v[1-9]\d*$/;

export const EMERGENCY_ADVICE: Record<ConsentLocale, string> = {
  en: 'If this is an emergency, call 911 (US) / 999 (UK) or go to the nearest emergency department.',
  es: 'Si se trata de una emergencia, llame al 911 (EE. UU.) / 999 (Reino Unido) o acuda al servicio de urgencias más cercano.',
};

const V2026_11_V1: ConsentVersion = {
  version: '2026-11-v1',
  effectiveFrom: '2026-11-01',
  texts: {
    en: {
      title: 'Consent to asynchronous teledermatology',
      sections: [
        {
          heading: 'Emergencies',
          body: `${EMERGENCY_ADVICE.en} Dermis is not monitored in real time and must not be used for urgent problems.`,
        },
        {
          heading: 'What asynchronous care is',
          body: 'You send photographs of your skin and answers about your health. A dermatologist reviews them later, not while you wait, and answers in writing. You will not talk to the dermatologist in real time.',
        },
        {
          heading: 'Its limits',
          body: 'A dermatologist who cannot examine you in person may miss things that an in-person visit would show, especially if photos are blurred or incomplete. The dermatologist may ask for more photos or information, recommend an in-person visit, or refer you urgently. The answer is not a guarantee that a condition is harmless. If your skin gets worse or you are worried, seek care in person.',
        },
        {
          heading: 'How your information is used',
          body: 'Your photos and answers are protected health information. They are stored encrypted, seen only by the clinicians who care for you and, if needed, a specialist they consult, and every access is recorded. They may be added to your health record with your care provider. They are not sold and not used for advertising. Records are kept for the period the law requires and then reviewed before deletion.',
        },
        {
          heading: 'Your choices',
          body: 'You may withdraw a request before a dermatologist starts reviewing it, and you may choose in-person care at any time instead.',
        },
      ],
      agreement: 'I have read this information and I agree to receive care through Dermis in this way.',
    },
    es: {
      title: 'Consentimiento para teledermatología asíncrona',
      sections: [
        {
          heading: 'Emergencias',
          body: `${EMERGENCY_ADVICE.es} Dermis no se supervisa en tiempo real y no debe usarse para problemas urgentes.`,
        },
        {
          heading: 'Qué es la atención asíncrona',
          body: 'Usted envía fotografías de su piel y respuestas sobre su salud. Un dermatólogo las revisa más tarde, no mientras usted espera, y le responde por escrito. No hablará con el dermatólogo en tiempo real.',
        },
        {
          heading: 'Sus límites',
          body: 'Un dermatólogo que no puede examinarle en persona puede pasar por alto cosas que una visita presencial mostraría, sobre todo si las fotos están borrosas o incompletas. El dermatólogo puede pedir más fotos o información, recomendar una visita presencial o derivarle con urgencia. La respuesta no garantiza que una afección sea inofensiva. Si su piel empeora o le preocupa, busque atención en persona.',
        },
        {
          heading: 'Cómo se usa su información',
          body: 'Sus fotos y respuestas son información de salud protegida. Se guardan cifradas, solo las ven los profesionales que le atienden y, si hace falta, un especialista al que consulten, y cada acceso queda registrado. Pueden añadirse a su historia clínica con su proveedor de atención. No se venden ni se usan para publicidad. Los registros se conservan durante el plazo que exige la ley y se revisan antes de eliminarse.',
        },
        {
          heading: 'Sus opciones',
          body: 'Puede retirar una solicitud antes de que un dermatólogo empiece a revisarla, y puede elegir en cualquier momento la atención en persona.',
        },
      ],
      agreement: 'He leído esta información y acepto recibir atención a través de Dermis de esta manera.',
    },
  },
};

/** Every published version, oldest first. Only ever appended to. */
export const CONSENT_VERSIONS: readonly ConsentVersion[] = [V2026_11_V1];

export const CURRENT_CONSENT_VERSION = '2026-11-v1';

export function findConsentVersion(version: string): ConsentVersion | undefined {
  return CONSENT_VERSIONS.find((v) => v.version === version);
}

export function currentConsent(): ConsentVersion {
  const current = findConsentVersion(CURRENT_CONSENT_VERSION);
  if (!current) throw new Error('CURRENT_CONSENT_VERSION names no published version');
  return current;
}

export function isCurrentConsentVersion(version: string): boolean {
  return version === CURRENT_CONSENT_VERSION;
}
