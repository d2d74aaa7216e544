package dev.okr.platform.input;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies are read strictly: a key given twice, anything after the JSON document, a number beyond
 * {@link Bounds#MAX_MAGNITUDE} and text that PostgreSQL cannot store are each a 400 naming the field —
 * refused while reading, before any service sees them.
 */
@Singleton
public class BoundedJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        SimpleModule module = new SimpleModule("okr-bounds");
        module.addDeserializer(String.class, new Text());
        module.addKeyDeserializer(String.class, new TextKey());
        module.addDeserializer(Double.class, new Number(Double.class));
        module.addDeserializer(Double.TYPE, new Number(Double.TYPE));
        mapper.registerModule(module);
    }

    static final class Text extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = Bounds.text(value);
            if (problem != null) {
                throw new OutOfBoundsException(p, problem);
            }
            return value;
        }
    }

    static final class TextKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = Bounds.text(key);
            if (problem != null) {
                throw new OutOfBoundsException(ctxt.getParser(), "names " + problem);
            }
            return key;
        }
    }

    static final class Number extends StdScalarDeserializer<Double> {
        private static final long serialVersionUID = 1L;
        private final NumberDeserializers.DoubleDeserializer standard;

        Number(Class<Double> type) {
            super(type);
            this.standard = new NumberDeserializers.DoubleDeserializer(type, type.isPrimitive() ? 0.0 : null);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double value = standard.deserialize(p, ctxt);
            String problem = value == null ? null : Bounds.number(value);
            if (problem != null) {
                throw new OutOfBoundsException(p, problem);
            }
            return value;
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return standard.getNullValue(ctxt);
        }
    }
}
