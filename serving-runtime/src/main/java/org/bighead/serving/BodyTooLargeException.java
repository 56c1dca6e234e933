package org.bighead.serving;

import java.io.IOException;

/** The request body passed the size limit while being read (an IOException so JSON parsers pass it through). */
final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long limit) {
        super("request body is larger than the limit of " + limit + " bytes (--max-body)", null);
    }
}
