package io.cairn.model.codec;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Eureka's XML wire format as Netflix's XStream converters write it, read with the JDK's StAX parser with DTDs and
 * external entities disabled. Thread-safe and reusable.
 */
public final class EurekaXmlCodec {

    /**
     * Configured once, then only used to create readers: the JDK implementation copies its settings into each new
     * reader and does not reuse readers unless asked to, so sharing it across threads is safe.
     */
    private final XMLInputFactory inputFactory;
    private final XmlDocumentReader reader;
    private final XmlDocumentWriter writer = new XmlDocumentWriter();

    /** A codec whose readers stamp absent timestamps with {@link System#currentTimeMillis()}. */
    public EurekaXmlCodec() {
        this(System::currentTimeMillis);
    }

    /** A codec whose readers take absent {@code lastUpdatedTimestamp}/{@code lastDirtyTimestamp} from {@code clock}. */
    public EurekaXmlCodec(LongSupplier clock) {
        this.reader = new XmlDocumentReader(Objects.requireNonNull(clock, "clock"));
        // The built-in parser, whatever else is on the class path, so that the settings below are known to hold.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // XStream's parser is not namespace-aware, so a metadata key such as "a:b" is a plain element name to it.
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        this.inputFactory = f;
    }

    /** {@code <applications>}; {@code v1} writes any status other than UP, DOWN and STARTING as DOWN. */
    public byte[] writeApplications(Applications apps, boolean v1) {
        return bytes(o -> writer.writeApplications(o, apps, v1));
    }

    /** Streams {@code <applications>} to {@code out} as UTF-8; flushes but does not close {@code out}. */
    public void writeApplications(Applications apps, boolean v1, OutputStream out) throws IOException {
        XmlOutput o = new XmlOutput(out);
        writer.writeApplications(o, apps, v1);
        o.flush();
    }

    /** {@code <application>} with its name and instances. */
    public byte[] writeApplication(Application app, boolean v1) {
        return bytes(o -> writer.writeApplication(o, app, v1));
    }

    /** {@code <instance>}. */
    public byte[] writeInstance(InstanceInfo instance, boolean v1) {
        return bytes(o -> writer.writeInstance(o, instance, v1));
    }

    /** Reads an {@code <instance>} document. */
    public InstanceInfo readInstance(byte[] xml) {
        return readInstance(new ByteArrayInputStream(xml));
    }

    /** Reads an {@code <instance>} document from a stream, to its end; does not close {@code in}. */
    public InstanceInfo readInstance(InputStream in) {
        // The JDK parser closes its input when it reaches the end of the document; the caller owns this stream.
        InputStream unclosable = new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
        return read(unclosable, JsonNames.INSTANCE, reader::readInstance);
    }

    /** Reads an {@code <applications>} document. */
    public Applications readApplications(byte[] xml) {
        return read(new ByteArrayInputStream(xml), JsonNames.APPLICATIONS, reader::readApplications);
    }

    private interface Body<T> {
        T read(XMLStreamReader r) throws XMLStreamException;
    }

    private interface Write {
        void write(XmlOutput o) throws IOException;
    }

    private static byte[] bytes(Write write) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        XmlOutput o = new XmlOutput(out);
        try {
            write.write(o);
            o.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private <T> T read(InputStream in, String root, Body<T> body) {
        XMLStreamReader r = null;
        try {
            r = inputFactory.createXMLStreamReader(in);
            toRoot(r, root);
            T value = body.read(r);
            // Anything after the root other than comments and whitespace is rejected by the parser itself.
            while (r.hasNext()) {
                r.next();
            }
            return value;
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            close(r);
        }
    }

    private static void toRoot(XMLStreamReader r, String root) throws XMLStreamException {
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                break;
            }
            if (event == XMLStreamConstants.DTD) {
                // No legitimate Eureka document has one, and a DTD is what entity-expansion attacks need.
                throw new CodecException("DOCTYPE is not allowed");
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new CodecException("empty XML document");
            }
        }
        if (!root.equals(r.getLocalName())) {
            throw new CodecException("expected root element '" + root + "' but found "
                    + WireValues.quote(r.getLocalName()));
        }
    }

    private static CodecException malformed(XMLStreamException e) {
        Location at = e.getLocation();
        if (at != null && at.getLineNumber() > 0) {
            return new CodecException("malformed XML at line " + at.getLineNumber() + " column "
                    + at.getColumnNumber(), e);
        }
        return new CodecException("malformed XML", e);
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // Closing releases parser state only; a failure to do so changes nothing for the caller.
            }
        }
    }
}
