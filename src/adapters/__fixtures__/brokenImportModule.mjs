/** A module that fails while being imported. */
throw new Error('cannot load this engine');
