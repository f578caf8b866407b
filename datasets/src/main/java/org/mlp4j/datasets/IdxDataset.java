package org.mlp4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.mlp4j.datasets.download.DownloadException;
import org.mlp4j.datasets.download.Downloader;
import org.mlp4j.datasets.download.RemoteFile;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.idx.IdxDatasets;

/**
 * A dataset published as the four MNIST-style IDX files ({@code train-images-idx3-ubyte.gz} and friends): found in
 * the {@link DataDirectories} search path, else downloaded from its mirrors and verified by SHA-256.
 */
public final class IdxDataset {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private final String name;
    private final String description;
    private final List<RemoteFile> remote;
    private final DataDirectories directories;
    private final List<String> classNames;

    /** Fashion-MNIST's classes, by label index (Zalando's README). */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** @param remote the four files ({@code .gz}) in the order train images, train labels, test images, test labels */
    public IdxDataset(String name, String description, List<RemoteFile> remote, DataDirectories directories) {
        this(name, description, remote, directories, null);
    }

    /**
     * As the four-argument constructor, with the names of the classes by label index (null: "0", "1", …); models
     * trained on the dataset record them, so {@code predict} prints "Sneaker" rather than 7.
     */
    public IdxDataset(String name, String description, List<RemoteFile> remote, DataDirectories directories,
                      List<String> classNames) {
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        this.name = name;
        this.description = description;
        this.remote = List.copyOf(remote);
        this.directories = directories;
    }

    static IdxDataset fashionMnist(DataDirectories dirs) {
        List<String> mirrors = List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
        return new IdxDataset("fashion-mnist", "Zalando's Fashion-MNIST: 28×28 clothing images, 10 classes "
                + "(0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, "
                + "9 Ankle boot), 60,000 train + 10,000 test; MIT licence", List.of(
                RemoteFile.atMirrors(TRAIN_IMAGES + ".gz", mirrors, "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"),
                RemoteFile.atMirrors(TRAIN_LABELS + ".gz", mirrors, "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"),
                RemoteFile.atMirrors(TEST_IMAGES + ".gz", mirrors, "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"),
                RemoteFile.atMirrors(TEST_LABELS + ".gz", mirrors, "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf")),
                dirs, FASHION_MNIST_CLASSES);
    }

    static IdxDataset mnist(DataDirectories dirs) {
        List<String> mirrors = List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                "https://storage.googleapis.com/cvdf-datasets/mnist/", "http://yann.lecun.com/exdb/mnist/");
        return new IdxDataset("mnist", "LeCun, Cortes and Burges's MNIST handwritten digits: 28×28 images, 10 classes, "
                + "60,000 train + 10,000 test", List.of(
                RemoteFile.atMirrors(TRAIN_IMAGES + ".gz", mirrors, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                RemoteFile.atMirrors(TRAIN_LABELS + ".gz", mirrors, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                RemoteFile.atMirrors(TEST_IMAGES + ".gz", mirrors, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                RemoteFile.atMirrors(TEST_LABELS + ".gz", mirrors, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
                dirs);
    }

    /** The dataset's name, as the command line spells it. */
    public String name() { return name; }
    /** One line saying what the dataset is. */
    public String description() { return description; }
    /** The class names by label index, or null for "0", "1", …. */
    public List<String> classNames() { return classNames; }

    /** The directory holding all four files, or null. */
    public Path find() {
        return directories.find(name, FILES);
    }

    /** Loads train and test splits, downloading (and verifying) the files first when no directory has them. */
    public LoadedData load(Consumer<String> log) throws IOException {
        Path dir = find();
        String origin;
        if (dir == null) {
            Path target = directories.downloadTarget(name);
            log.accept("mlp4j: " + name + " not found in " + directories.candidates(name) + "; downloading to " + target);
            Downloader downloader = new Downloader(log);
            try {
                for (RemoteFile f : remote) {
                    downloader.fetch(f, target);
                }
            } catch (DownloadException e) {
                throw new DownloadException(name + " is not installed and could not be downloaded: " + e.getMessage()
                        + ". Put the four IDX files in " + target + " (or $MLP4J_DATA/" + name + ")"
                        + (name.equals("fashion-mnist") ? ", or install Debian's dataset-fashion-mnist" : ""), e);
            }
            dir = target;
            origin = name + " (downloaded to " + dir + ")";
        } else {
            origin = name + " (" + dir + ")";
        }
        Dataset train = IdxDatasets.read(DataDirectories.resolveFile(dir, TRAIN_IMAGES),
                ReadOptions.defaults().withLabelsFile(DataDirectories.resolveFile(dir, TRAIN_LABELS)));
        Dataset test = IdxDatasets.read(DataDirectories.resolveFile(dir, TEST_IMAGES),
                ReadOptions.defaults().withLabelsFile(DataDirectories.resolveFile(dir, TEST_LABELS)));
        return new LoadedData(named(train), named(test), origin);
    }

    /** {@code d} with this dataset's class names, when it has them and the labels fit. */
    private Dataset named(Dataset d) {
        if (classNames == null || !d.isClassification() || d.classCount() > classNames.size()) {
            return d;
        }
        return Dataset.classification(d.features(), d.rows(), d.featureCount(), d.labels(), classNames);
    }
}
