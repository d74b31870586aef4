package org.ssvm.wasi;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;

/** Runs the body of a WASI call and turns every failure into the errno the call returns. */
final class Calls {
    private Calls() {}

    @FunctionalInterface
    interface Body {
        void run() throws IOException;
    }

    static int run(Body body) {
        try {
            body.run();
            return Errno.SUCCESS;
        } catch (ErrnoException e) {
            return e.errno;
        } catch (ClosedChannelException e) {
            return Errno.BADF;
        } catch (NonReadableChannelException | NonWritableChannelException e) {
            return Errno.BADF;
        } catch (IOException e) {
            return IoErrors.errno(e);
        } catch (SecurityException e) {
            return Errno.ACCES;
        }
    }
}
