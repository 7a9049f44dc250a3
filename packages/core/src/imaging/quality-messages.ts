// What the patient reads when a photo is rejected or warned about: what is wrong, and how to retake it.
// Plain words, no jargon, no PHI. Photo guidance follows DESIGN.md (diffuse daylight, no flash glare, focus).

import type { QualityReasonCode } from './quality-gate.ts';

export const QUALITY_MESSAGE_LOCALES = ['en', 'es'] as const;
export type QualityMessageLocale = (typeof QUALITY_MESSAGE_LOCALES)[number];

export interface QualityMessage {
  /** What is wrong, in a few words. */
  problem: string;
  /** How to retake the photo. */
  fix: string;
}

const MESSAGES: Record<QualityMessageLocale, Record<QualityReasonCode, QualityMessage>> = {
  en: {
    RESOLUTION_TOO_LOW: {
      problem: 'This photo is too small for the doctor to see detail',
      fix: 'Take the photo with your phone camera instead of a screenshot or a photo sent by a messaging app.',
    },
    RESOLUTION_BELOW_RECOMMENDED: {
      problem: 'This photo is smaller than we recommend',
      fix: 'You can send it. For more detail, use the camera at its full size and avoid zooming in.',
    },
    TOO_DARK: {
      problem: 'Too dark to see the skin',
      fix: 'Move to a bright room or near a window with daylight, and take the photo again without flash.',
    },
    SLIGHTLY_DARK: {
      problem: 'This photo is a little dark',
      fix: 'You can send it. For a clearer photo, move closer to daylight or turn on a room light.',
    },
    TOO_BRIGHT: {
      problem: 'Too bright: parts of the photo are washed out',
      fix: 'Turn off the flash and step out of direct sunlight. Soft daylight from a window works best.',
    },
    SLIGHTLY_BRIGHT: {
      problem: 'Some bright spots are washed out',
      fix: 'You can send it. If the spot has a shine or glare on it, turn off the flash or change the angle a little.',
    },
    TOO_BLURRY: {
      problem: 'Too blurry',
      fix: 'Hold the phone steady with both hands, tap the spot on the screen to focus, and wait a moment before taking the photo.',
    },
    SLIGHTLY_BLURRY: {
      problem: 'This photo is a little blurry',
      fix: 'You can send it. For a sharper photo, rest your elbows on something and tap the spot to focus.',
    },
  },
  es: {
    RESOLUTION_TOO_LOW: {
      problem: 'Esta foto es demasiado pequeña para que el médico vea los detalles',
      fix: 'Tome la foto con la cámara del teléfono, no use una captura de pantalla ni una foto enviada por una aplicación de mensajes.',
    },
    RESOLUTION_BELOW_RECOMMENDED: {
      problem: 'Esta foto es más pequeña de lo recomendado',
      fix: 'Puede enviarla. Para ver más detalle, use la cámara a tamaño completo y no use el zoom.',
    },
    TOO_DARK: {
      problem: 'Demasiado oscura para ver la piel',
      fix: 'Vaya a una habitación iluminada o cerca de una ventana con luz de día y tome la foto otra vez sin flash.',
    },
    SLIGHTLY_DARK: {
      problem: 'Esta foto está un poco oscura',
      fix: 'Puede enviarla. Para una foto más clara, acérquese a la luz del día o encienda una luz.',
    },
    TOO_BRIGHT: {
      problem: 'Demasiado clara: partes de la foto se ven blancas',
      fix: 'Apague el flash y evite el sol directo. La luz suave de una ventana es la mejor.',
    },
    SLIGHTLY_BRIGHT: {
      problem: 'Algunas zonas brillantes se ven blancas',
      fix: 'Puede enviarla. Si la zona tiene brillo o reflejo, apague el flash o cambie un poco el ángulo.',
    },
    TOO_BLURRY: {
      problem: 'Demasiado borrosa',
      fix: 'Sujete el teléfono con las dos manos, toque la zona en la pantalla para enfocar y espere un momento antes de tomar la foto.',
    },
    SLIGHTLY_BLURRY: {
      problem: 'Esta foto está un poco borrosa',
      fix: 'Puede enviarla. Para una foto más nítida, apoye los codos y toque la zona para enfocar.',
    },
  },
};

/** Message for a reason code; unknown locales fall back to English. */
export function describeQualityReason(code: QualityReasonCode, locale: string = 'en'): QualityMessage {
  const lang = (QUALITY_MESSAGE_LOCALES as readonly string[]).includes(locale)
    ? (locale as QualityMessageLocale)
    : 'en';
  return MESSAGES[lang][code];
}
