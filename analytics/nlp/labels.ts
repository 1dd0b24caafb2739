/**
 * NLP labels as stored: one row per item and model version in nlp_labels, apart from the texts.
 */

/**
 * The demo generator's own intent (the topic and sentiment each text was written for), stored as a model version
 * so the dashboards have labels before a trained model has labelled the demo.
 */
export const DEMO_LABEL_VERSION = 'demo-source';

/** app_meta key holding the model version the dashboards read. */
export const ACTIVE_MODEL_KEY = 'nlp.active_model_version';
