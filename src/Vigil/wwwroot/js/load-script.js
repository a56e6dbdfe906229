// Loads a vendored browser library (wwwroot/lib) from this server once, the first time a page needs it; nothing is
// fetched from the internet. Resolves to the global the library defines.
const loading = new Map();

export function loadScript(src, global, stylesheet) {
    if (window[global]) {
        return Promise.resolve(window[global]);
    }

    if (!loading.has(src)) {
        if (stylesheet) {
            const style = document.createElement('link');
            style.rel = 'stylesheet';
            style.href = stylesheet;
            document.head.appendChild(style);
        }

        loading.set(src, new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = src;
            script.onload = () => resolve(window[global]);
            script.onerror = () => reject(new Error(src + ' could not be loaded'));
            document.head.appendChild(script);
        }));
    }

    return loading.get(src);
}
